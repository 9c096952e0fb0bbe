package smtp.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * What one SPF check found: the result, for which identity and domain, and why.
 *
 * <h2>Standards</h2>
 * RFC 7208 §2.6 (results), §6.2 and §8.4 (the explanation string accompanies a "fail"),
 * §9.1 (the facts a Received-SPF field records).
 *
 * @param result      one of the seven results
 * @param identity    HELO or MAIL FROM
 * @param domain      the domain that was checked (the {@code <domain>} of the first check_host call)
 * @param sender      the {@code <sender>} as evaluated ({@code postmaster@domain} for HELO or a null path)
 * @param explanation for {@link SpfResult#FAIL} only: the domain's explanation (its {@code exp=}) or
 *                    the configured default, macro-expanded (§6.2); suitable for a 550 reply's text
 * @param mechanism   the directive that matched ({@code -all}, {@code include:_spf.example.com}...),
 *                    empty when none matched or the check ended in an error
 * @param reason      a short human-readable account of how the result came about (for logs and comments)
 */
public record SpfOutcome(SpfResult result, SpfIdentity identity, String domain, String sender,
                         Optional<String> explanation, Optional<String> mechanism, String reason) {

    public SpfOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(reason, "reason");
    }

    /** The domain part of {@link #sender()}: the MAIL FROM domain, or the HELO domain. */
    public String senderDomain() {
        int at = sender.lastIndexOf('@');
        return at < 0 ? sender : sender.substring(at + 1);
    }
}
