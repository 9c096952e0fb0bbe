package smtp.dns;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS lookup, typed so that a caller cannot mistake a temporary failure
 * for "no records" (RFC 5321 §5.1: a temporary failure means try later, never bounce;
 * RFC 7208 §2.6.6: temperror). Never null.
 *
 * @param <T> the record type
 */
public sealed interface DnsResult<T> permits DnsResult.Records, DnsResult.NxDomain, DnsResult.NoData, DnsResult.TempFail {

    /**
     * The name exists and has records of the type asked for.
     *
     * @param records       at least one record, in answer order
     * @param authenticated the AD bit of the answer (RFC 4035 §3.2.3): only meaningful when the
     *                      resolver is trusted (e.g. on loopback)
     */
    record Records<T>(List<T> records, boolean authenticated) implements DnsResult<T> {
        public Records {
            records = List.copyOf(records);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Records needs at least one record; use NoData");
            }
        }
    }

    /**
     * RCODE 3, the name does not exist (RFC 1035 §4.1.1).
     *
     * @param authenticated the AD bit of the answer (RFC 4035 §3.2.3): true when the resolver
     *                      validated the denial of existence (RFC 4035 §5.4), which DANE needs
     *                      to tell "no TLSA records" from an attacker's forgery (RFC 7672
     *                      §2.2); only meaningful when the resolver is trusted
     */
    record NxDomain<T>(boolean authenticated) implements DnsResult<T> {
    }

    /**
     * The name exists but has no records of this type (RFC 2308 §2.2, "NODATA").
     *
     * @param authenticated the AD bit of the answer, as for {@link NxDomain#authenticated()}
     */
    record NoData<T>(boolean authenticated) implements DnsResult<T> {
    }

    /**
     * SERVFAIL, REFUSED, a timeout, or trouble over TCP: the answer is unknown.
     *
     * @param reason for logs and Authentication-Results
     */
    record TempFail<T>(String reason) implements DnsResult<T> {
        public TempFail {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The records, or an empty list for NXDOMAIN and NODATA. Throws for {@link TempFail}. */
    default List<T> recordsOrEmpty() {
        return switch (this) {
            case Records<T> r -> r.records();
            case NxDomain<T> n -> List.of();
            case NoData<T> n -> List.of();
            case TempFail<T> t -> throw new IllegalStateException("temporary DNS failure: " + t.reason());
        };
    }

    /** True for NXDOMAIN and NODATA (a "void lookup" in RFC 7208 §4.6.4 terms). */
    default boolean isEmpty() {
        return this instanceof NxDomain<T> || this instanceof NoData<T>;
    }
}
