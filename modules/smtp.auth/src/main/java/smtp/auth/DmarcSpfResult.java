package smtp.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * The SPF input to DMARC, RFC 7489 §4.1 and Appendix C (SPFAuthResultType): which domain SPF
 * checked, in which scope, and the result. DMARC uses the MAIL FROM check, whose domain is the
 * HELO domain when the reverse-path is null (RFC 7208 §2.4).
 *
 * @param domain the domain checked (lower-cased here)
 * @param scope  HELO or MAILFROM ({@code mfrom} in reports)
 * @param result the SPF result
 */
public record DmarcSpfResult(String domain, SpfIdentity scope, SpfResult result) {

    public DmarcSpfResult {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(result, "result");
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** From an {@link SpfVerifier} outcome: its sender's domain (the HELO domain for a null path). */
    public static DmarcSpfResult of(SpfOutcome outcome) {
        return new DmarcSpfResult(outcome.senderDomain(), outcome.identity(), outcome.result());
    }
}
