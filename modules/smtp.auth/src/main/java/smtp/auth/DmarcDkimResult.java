package smtp.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * One DKIM signature's result as DMARC needs it, RFC 7489 §4.1 and Appendix C
 * (DKIMAuthResultType). Deliberately independent of the DKIM verifier's own types: any DKIM
 * implementation's result maps to (d=, s=, verdict).
 *
 * @param domain   the signature's {@code d=} (lower-cased here)
 * @param selector the signature's {@code s=}
 * @param verdict  the signature's result
 */
public record DmarcDkimResult(String domain, String selector, Verdict verdict) {

    /** DKIMResultType of Appendix C (and RFC 8601 §2.7.1). */
    public enum Verdict {
        NONE, PASS, FAIL, POLICY, NEUTRAL, TEMPERROR, PERMERROR;

        /** The lower-case keyword. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DmarcDkimResult {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(verdict, "verdict");
        domain = domain.toLowerCase(Locale.ROOT);
    }
}
