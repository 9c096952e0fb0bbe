package smtp.dns.internal;

import java.util.List;
import java.util.Objects;

/**
 * What one DNS response says about one question, before it becomes a {@code DnsResult}: see
 * {@link AnswerReader}.
 */
sealed interface Answer permits Answer.Positive, Answer.Negative, Answer.Alias, Answer.Failure {

    /**
     * Records of the type asked for.
     *
     * @param records       the record values (see {@link ZoneIndex#lookup} for their classes)
     * @param ttl           the smallest TTL of the records and of the CNAMEs leading to them
     * @param authenticated the AD bit
     */
    record Positive(List<Object> records, long ttl, boolean authenticated) implements Answer {
        public Positive {
            records = List.copyOf(records);
        }
    }

    /**
     * NXDOMAIN or NODATA.
     *
     * @param nxdomain true for NXDOMAIN (RCODE 3)
     * @param ttl      RFC 2308 §5: min(SOA TTL, SOA MINIMUM); 0 when the response had no SOA (not cached)
     */
    record Negative(boolean nxdomain, long ttl, boolean authenticated) implements Answer {
    }

    /**
     * The response ends at a CNAME whose target it does not resolve (e.g. an authoritative
     * server answering for a target outside its zones): ask again for {@code target}.
     *
     * @param links how many CNAMEs the response followed
     */
    record Alias(org.xbill.DNS.Name target, long ttl, boolean authenticated, int links) implements Answer {
        public Alias {
            Objects.requireNonNull(target, "target");
        }
    }

    /** SERVFAIL, REFUSED, any other error RCODE, a referral, a truncated answer: unknown, try later. */
    record Failure(String reason) implements Answer {
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
