package smtp.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import smtp.auth.internal.dmarc.Alignment;
import smtp.auth.internal.dmarc.PolicyDiscovery;
import smtp.dns.Resolver;
import smtp.wire.HeaderAddress;
import smtp.wire.HeaderField;
import smtp.wire.HeaderMailbox;
import smtp.wire.HeaderSection;
import smtp.wire.ParseResult;

/**
 * DMARC evaluation of a received message, RFC 7489 §6.6: policy discovery for the Author
 * Domain, identifier alignment of the SPF and DKIM results, and the disposition with
 * {@code pct} sampling. Takes SPF and DKIM results as inputs; never sends reports.
 *
 * <p>Thread-safe.
 *
 * <h2>Standards</h2>
 * RFC 7489 §3.1 (alignment), §3.2 (Organizational Domain), §6.3 (record), §6.6.1 (Author
 * Domain), §6.6.2 (authentication mechanisms), §6.6.3 (policy discovery), §6.6.4 (message
 * sampling), §6.7 (policy enforcement considerations).
 *
 * <h2>Diagnostics</h2>
 * Never throws for any DNS answer or record: problems are {@link DmarcResult#TEMPERROR} or
 * {@link DmarcResult#PERMERROR} with {@link DmarcEvaluation#reason()}.
 */
public final class DmarcVerifier {

    private final Resolver resolver;
    private final DmarcConfig config;

    public DmarcVerifier(Resolver resolver, DmarcConfig config) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A verifier with {@link DmarcConfig#defaults()}. */
    public DmarcVerifier(Resolver resolver) {
        this(resolver, DmarcConfig.defaults());
    }

    /**
     * Evaluates a message given the domains of its From: field's addresses, RFC 7489 §6.6.1.
     *
     * <ul>
     * <li>No domain (no From: field, an empty one, or several From: fields, which the caller
     * passes as {@code fromFieldCount != 1}): permerror, with the configured disposition.</li>
     * <li>One domain: the ordinary evaluation.</li>
     * <li>Several (one From: field with several mailboxes): "apply the DMARC check using each of
     * those domains ... as the Author Domain and apply the most strict policy selected among the
     * checks that fail"; the returned evaluation is the failing one with the strictest
     * disposition, else the first.</li>
     * </ul>
     *
     * @param fromFieldCount the number of From: header fields in the message
     * @param fromDomains    the domains of the addresses in the From: field
     * @param spf            the SPF result for the MAIL FROM identity (HELO domain for a null path), if any
     * @param dkim           the DKIM results, one per signature
     */
    public DmarcEvaluation evaluate(int fromFieldCount, List<String> fromDomains, Optional<DmarcSpfResult> spf,
                                    List<DmarcDkimResult> dkim) {
        Objects.requireNonNull(fromDomains, "fromDomains");
        Objects.requireNonNull(spf, "spf");
        Objects.requireNonNull(dkim, "dkim");
        List<String> domains = fromDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty()).distinct().toList();
        if (fromFieldCount != 1 || domains.isEmpty()) {
            // RFC 5322 §3.6: exactly one From: field; without a single Author Domain DMARC cannot
            // be applied (RFC 7489 §6.6.1), and the message is malformed.
            String why = fromFieldCount == 0 ? "no From: field" : fromFieldCount > 1
                    ? fromFieldCount + " From: fields" : "no usable address in From:";
            return new DmarcEvaluation(DmarcResult.PERMERROR, config.malformedFromDisposition(), "", Optional.empty(),
                    Optional.empty(), false, false, false, spf, dkim, why + " (RFC 7489 §6.6.1)");
        }
        DmarcEvaluation chosen = null;
        for (String domain : domains) {
            DmarcEvaluation e = evaluate(domain, spf, dkim);
            if (chosen == null || (e.result() == DmarcResult.FAIL
                    && (chosen.result() != DmarcResult.FAIL || e.disposition().compareTo(chosen.disposition()) > 0))) {
                chosen = e;
            }
        }
        return chosen;
    }

    /**
     * Evaluates a message from its header section: the From: fields are counted and the single
     * one parsed (RFC 5322 §3.6.2 mailbox-list); a malformed From: has no usable address.
     */
    public DmarcEvaluation evaluate(HeaderSection header, Optional<DmarcSpfResult> spf, List<DmarcDkimResult> dkim) {
        List<HeaderField> from = header.all("From");
        List<String> domains = new ArrayList<>();
        if (from.size() == 1 && HeaderAddress.parseList(from.get(0).value()) instanceof ParseResult.Ok<List<HeaderAddress>> ok) {
            for (HeaderAddress a : ok.value()) {
                for (HeaderMailbox m : a.mailboxes()) {
                    domains.add(m.addrSpec().domain());
                }
            }
        }
        return evaluate(from.size(), domains, spf, dkim);
    }

    /** Evaluates one Author Domain (the usual case: one From: field with one mailbox). */
    public DmarcEvaluation evaluate(String fromDomain, Optional<DmarcSpfResult> spf, List<DmarcDkimResult> dkim) {
        String from = fromDomain.strip().toLowerCase(Locale.ROOT);
        if (from.endsWith(".")) {
            from = from.substring(0, from.length() - 1);
        }
        PolicyDiscovery.Discovery d = PolicyDiscovery.discover(resolver, config.publicSuffixList(), from);
        DmarcRecord record;
        String policyDomain;
        switch (d) {
            case PolicyDiscovery.Discovery.NoPolicy n -> {
                return new DmarcEvaluation(DmarcResult.NONE, DmarcPolicy.NONE, from, Optional.empty(), Optional.empty(),
                        false, false, false, spf, dkim, n.reason());
            }
            case PolicyDiscovery.Discovery.TempError t -> {
                return new DmarcEvaluation(DmarcResult.TEMPERROR, DmarcPolicy.NONE, from, Optional.empty(),
                        Optional.empty(), false, false, false, spf, dkim, t.reason());
            }
            case PolicyDiscovery.Discovery.PermError p -> {
                // §6.6.3 step 6: DMARC processing is not applied; reported as permerror, which
                // §11.2 defines by "a syntactically incorrect DMARC record"
                return new DmarcEvaluation(DmarcResult.PERMERROR, DmarcPolicy.NONE, from, Optional.of(p.policyDomain()),
                        Optional.empty(), false, false, false, spf, dkim, p.reason());
            }
            case PolicyDiscovery.Discovery.Found f -> {
                record = f.record();
                policyDomain = f.policyDomain();
            }
        }
        PublicSuffixList psl = config.publicSuffixList();
        // §3.1.2: SPF is aligned when it passed for a domain aligned with the From domain
        boolean spfAligned = spf.isPresent() && spf.get().result() == SpfResult.PASS
                && Alignment.aligned(spf.get().domain(), from, record.spfAlignment(), psl);
        // §3.1.1: DKIM is aligned when a valid signature's d= is aligned with the From domain
        List<String> alignedDkim = new ArrayList<>();
        for (DmarcDkimResult r : dkim) {
            if (r.verdict() == DmarcDkimResult.Verdict.PASS && Alignment.aligned(r.domain(), from, record.dkimAlignment(), psl)) {
                alignedDkim.add(r.domain());
            }
        }
        boolean dkimAligned = !alignedDkim.isEmpty();
        // §4.2: "A message satisfies the DMARC checks if at least one of the supported
        // authentication mechanisms: 1. produces a "pass" result, and 2. produces that result
        // based on an identifier that is in alignment"
        if (spfAligned || dkimAligned) {
            String how = (spfAligned ? "SPF " + spf.get().domain() : "") + (spfAligned && dkimAligned ? " and " : "")
                    + (dkimAligned ? "DKIM d=" + String.join(",", alignedDkim) : "");
            return new DmarcEvaluation(DmarcResult.PASS, DmarcPolicy.NONE, from, Optional.of(policyDomain),
                    Optional.of(record), spfAligned, dkimAligned, false, spf, dkim, "aligned pass: " + how);
        }
        // §6.3 sp: policy for sub-domains; applies when the record came from the Organizational Domain
        boolean subdomain = !policyDomain.equals(from);
        DmarcPolicy requested = record.policyFor(subdomain);
        DmarcPolicy disposition = requested;
        boolean sampledOut = false;
        // §6.6.4: the policy applies to pct% of failing messages; the others get the next less strict one
        if (record.percent() < 100 && requested != DmarcPolicy.NONE) {
            int draw = Math.floorMod(config.sampler().getAsInt(), 100);
            if (draw >= record.percent()) {
                disposition = requested.lessStrict();
                sampledOut = true;
            }
        }
        String reason = "no aligned SPF or DKIM pass; policy " + (subdomain ? "sp" : "p") + "=" + requested.keyword()
                + " at _dmarc." + policyDomain + (sampledOut ? ", not selected by pct=" + record.percent() : "");
        return new DmarcEvaluation(DmarcResult.FAIL, disposition, from, Optional.of(policyDomain), Optional.of(record),
                false, false, sampledOut, spf, dkim, reason);
    }

    /** The configuration in force. */
    public DmarcConfig config() {
        return config;
    }
}
