package smtp.auth;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * Local choices for DMARC evaluation.
 *
 * <h2>Standards</h2>
 * RFC 7489 §6.6.1 (messages without exactly one Author Domain), §6.6.4 ({@code pct} sampling).
 *
 * @param publicSuffixList         for Organizational Domains (§3.2)
 * @param sampler                  returns a number in 0..99; a message is subject to the policy
 *                                 when it is below {@code pct} (inject a fixed value in tests)
 * @param malformedFromDisposition what to do with a message that has no From: field, several
 *                                 From: fields, or no usable From: address (result permerror):
 *                                 REJECT by default, as RFC 5322 §3.6 requires exactly one From:
 */
public record DmarcConfig(PublicSuffixList publicSuffixList, IntSupplier sampler, DmarcPolicy malformedFromDisposition) {

    public DmarcConfig {
        Objects.requireNonNull(publicSuffixList, "publicSuffixList");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(malformedFromDisposition, "malformedFromDisposition");
    }

    /** The bundled PSL, a thread-local random sampler, and REJECT for malformed From: fields. */
    public static DmarcConfig defaults() {
        return new DmarcConfig(PublicSuffixList.bundled(), () -> ThreadLocalRandom.current().nextInt(100), DmarcPolicy.REJECT);
    }

    /** A copy with another sampler. */
    public DmarcConfig withSampler(IntSupplier sampler) {
        return new DmarcConfig(publicSuffixList, sampler, malformedFromDisposition);
    }
}
