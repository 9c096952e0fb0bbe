package smtp.dns.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import smtp.dns.MxRecord;
import smtp.dns.RecordType;

/**
 * Reads a DNS response for one question into an {@link Answer}: the records asked for (through
 * the CNAMEs in the answer section), a negative answer with its caching time, an alias to ask
 * again, or a failure.
 *
 * <h2>Standards</h2>
 * RFC 1035 §4.1.1 (RCODEs: only NOERROR and NXDOMAIN are answers; SERVFAIL, REFUSED, NOTIMP,
 * FORMERR and the rest mean "unknown"), RFC 1034 §3.6.2 and §4.3.2 (CNAME chains in the answer
 * section), RFC 6604 §3 (with a chain, the RCODE describes its last name), RFC 2308 §2.2 (NODATA
 * is NOERROR with no answer; a referral – NS records and no SOA – is not NODATA), RFC 2308 §5
 * (negative TTL is min(SOA TTL, SOA MINIMUM); without an SOA, do not cache), RFC 2181 §5.2 (TTLs
 * in an RRset are equal; we take the smallest anyway), RFC 4035 §3.2.3 (the AD bit).
 *
 * <h2>Diagnostics</h2>
 * Never throws; every oddity is an {@link Answer.Failure} naming it.
 */
final class AnswerReader {

    private AnswerReader() {
    }

    /** The answer {@code response} gives to (qname, type), following at most {@code linksLeft} CNAMEs. */
    static Answer read(Message response, Name qname, RecordType type, int linksLeft) {
        int rcode = response.getRcode();
        if (response.getHeader().getFlag(Flags.TC)) {
            // RFC 1035 §4.2.1: a truncated answer is incomplete; dnsjava retries over TCP, so this is TCP trouble.
            return new Answer.Failure("truncated answer");
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new Answer.Failure(Rcode.string(rcode));
        }
        boolean ad = response.getHeader().getFlag(Flags.AD);
        List<Record> answers = response.getSection(Section.ANSWER);
        Name current = qname;
        long ttl = Long.MAX_VALUE;
        int links = 0;
        while (true) {
            List<Object> values = new ArrayList<>();
            long recordsTtl = Long.MAX_VALUE;
            Name alias = null;
            long aliasTtl = 0;
            for (Record r : answers) {
                if (r.getDClass() != DClass.IN || !r.getName().equals(current)) {
                    continue;
                }
                if (r.getType() == type.code()) {
                    values.add(value(r, current));
                    recordsTtl = Math.min(recordsTtl, r.getTTL());
                } else if (r.getType() == Type.CNAME && alias == null) {
                    alias = ((CNAMERecord) r).getTarget();
                    aliasTtl = r.getTTL();
                }
            }
            if (!values.isEmpty()) {
                return new Answer.Positive(values, Math.min(ttl, recordsTtl), ad);
            }
            if (alias == null) {
                break;
            }
            if (links == linksLeft) {
                return new Answer.Failure("CNAME chain longer than " + ZoneIndex.MAX_CNAME_CHAIN + " links (or a loop)");
            }
            ttl = Math.min(ttl, aliasTtl);
            links++;
            current = alias; // RFC 1034 §3.6.2: continue at the canonical name
        }
        Optional<SOARecord> soa = soa(response);
        if (rcode == Rcode.NXDOMAIN) {
            return new Answer.Negative(true, Math.min(ttl, negativeTtl(soa)), ad);
        }
        if (soa.isPresent()) {
            return new Answer.Negative(false, Math.min(ttl, negativeTtl(soa)), ad);
        }
        if (links > 0) {
            // The server stopped at a CNAME without saying anything about its target: ask for it.
            return new Answer.Alias(current, ttl, ad, links);
        }
        if (!response.getSection(Section.AUTHORITY).isEmpty() && !response.getHeader().getFlag(Flags.AA)) {
            // RFC 2308 §2.2: NS records and no SOA is a referral, not NODATA: the server does not recurse.
            return new Answer.Failure("referral from a server that does not recurse");
        }
        return new Answer.Negative(false, 0, ad);
    }

    /**
     * RFC 2308 §5: "the minimum of the MINIMUM field of the SOA record and the TTL of the SOA
     * itself"; 0 (not cached) without an SOA.
     */
    private static long negativeTtl(Optional<SOARecord> soa) {
        return soa.map(s -> Math.min(s.getTTL(), s.getMinimum())).orElse(0L);
    }

    /** The SOA record of the authority section, if there is one. */
    private static Optional<SOARecord> soa(Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa) {
                return Optional.of(soa);
            }
        }
        return Optional.empty();
    }

    private static Object value(Record r, Name owner) {
        String name = DnsNames.text(owner);
        return switch (r) {
            case ARecord a -> DnsNames.address(name, a.rdataToWireCanonical());
            case AAAARecord a -> DnsNames.address(name, a.rdataToWireCanonical()); // raw: keeps ::ffff:a.b.c.d IPv6
            case MXRecord mx -> new MxRecord(mx.getPriority(), DnsNames.text(mx.getTarget()));
            case TXTRecord txt -> TxtStrings.concatenate(txt.getStringsAsByteArrays());
            case PTRRecord ptr -> DnsNames.text(ptr.getTarget());
            case CNAMERecord cname -> DnsNames.text(cname.getTarget());
            default -> throw new IllegalStateException("unexpected record type " + Type.string(r.getType()));
        };
    }
}
