package smtp.auth.internal.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import smtp.auth.DmarcRecord;
import smtp.auth.PublicSuffixList;
import smtp.dns.DnsResult;
import smtp.dns.Resolver;

/**
 * DMARC policy discovery, RFC 7489 §6.6.3: the record at {@code _dmarc.<Author Domain>}, else
 * at {@code _dmarc.<Organizational Domain>}.
 *
 * <h2>Diagnostics</h2>
 * DNS failures are {@link Discovery.TempError}; no record and several records are
 * {@link Discovery.NoPolicy} (§6.6.3 step 5: DMARC is not applied); a record without a usable
 * policy is {@link Discovery.PermError}; never throws.
 */
public final class PolicyDiscovery {

    private PolicyDiscovery() {
    }

    /** What discovery found. */
    public sealed interface Discovery permits Discovery.Found, Discovery.NoPolicy, Discovery.TempError, Discovery.PermError {

        /** A usable record, and the domain it was published at. */
        record Found(DmarcRecord record, String policyDomain, List<String> warnings) implements Discovery {
            public Found {
                Objects.requireNonNull(record, "record");
                Objects.requireNonNull(policyDomain, "policyDomain");
                warnings = List.copyOf(warnings);
            }
        }

        /** No DMARC record at either name, or several at one (§6.6.3 step 5): DMARC is not applied. */
        record NoPolicy(String reason) implements Discovery {
        }

        /** A DNS lookup failed temporarily. */
        record TempError(String reason) implements Discovery {
        }

        /**
         * A record without a valid {@code p=} (or with an invalid {@code sp=}) and no valid
         * {@code rua=}: §6.6.3 step 6 applies no DMARC processing, and §11.2 names "a
         * syntactically incorrect DMARC record" as the permerror case.
         */
        record PermError(String reason, String policyDomain) implements Discovery {
        }
    }

    /** Runs discovery for the Author Domain {@code fromDomain} (lower-cased, no trailing dot). */
    public static Discovery discover(Resolver dns, PublicSuffixList psl, String fromDomain) {
        String from = fromDomain.toLowerCase(Locale.ROOT);
        // §6.6.3 step 1: "Mail Receivers MUST query the DNS for a DMARC TXT record at the DNS domain
        // matching the one found in the RFC5322.From domain in the message."
        Step first = lookup(dns, from);
        if (first instanceof Step.Failed f) {
            return new Discovery.TempError(f.reason());
        }
        List<String> records = ((Step.Records) first).records();
        String policyDomain = from;
        if (records.isEmpty()) {
            // step 3: "If the set is now empty, the Mail Receiver MUST query the DNS for a DMARC TXT
            // record at the DNS domain matching the Organizational Domain in place of the
            // RFC5322.From domain in the message (if different)."
            String org = psl.organizationalDomain(from);
            if (!org.equals(from)) {
                Step second = lookup(dns, org);
                if (second instanceof Step.Failed f) {
                    return new Discovery.TempError(f.reason());
                }
                records = ((Step.Records) second).records();
                policyDomain = org;
            }
        }
        // step 5: "If the remaining set contains multiple records or no records, policy discovery
        // terminates and DMARC processing is not applied to this message."
        if (records.isEmpty()) {
            return new Discovery.NoPolicy("no DMARC record for " + from);
        }
        if (records.size() > 1) {
            // Not a permerror: §6.6.3 step 5 stops discovery and applies no DMARC, as for no record.
            return new Discovery.NoPolicy(records.size() + " DMARC records at _dmarc." + policyDomain
                    + ": discovery stops, DMARC is not applied (RFC 7489 §6.6.3 step 5)");
        }
        return switch (DmarcRecordParser.parse(records.get(0))) {
            case DmarcRecordParser.Result.Valid v -> new Discovery.Found(v.record(), policyDomain, v.warnings());
            case DmarcRecordParser.Result.Invalid i -> new Discovery.PermError("_dmarc." + policyDomain + ": " + i.reason(), policyDomain);
            case DmarcRecordParser.Result.NotDmarc n -> throw new IllegalStateException("filtered above");
        };
    }

    private sealed interface Step permits Step.Records, Step.Failed {
        record Records(List<String> records) implements Step {
        }

        record Failed(String reason) implements Step {
        }
    }

    /** The DMARC records (steps 2 and 4: "Records that do not start with a "v=" tag ... are discarded"). */
    private static Step lookup(Resolver dns, String domain) {
        String name = "_dmarc." + domain;
        return switch (dns.txt(name)) {
            case DnsResult.TempFail<String> t -> new Step.Failed("DNS error for " + name + ": " + t.reason());
            case DnsResult.NxDomain<String> n -> new Step.Records(List.of());
            case DnsResult.NoData<String> n -> new Step.Records(List.of());
            case DnsResult.Records<String> r -> {
                List<String> dmarc = new ArrayList<>();
                for (String s : r.records()) {
                    if (DmarcRecordParser.isDmarc(s)) {
                        dmarc.add(s);
                    }
                }
                yield new Step.Records(dmarc);
            }
        };
    }
}
