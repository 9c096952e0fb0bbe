package smtp.auth;

import java.util.Optional;

/**
 * A DKIM canonicalization algorithm, one half of the {@code c=} tag (RFC 6376 §3.4).
 *
 * <pre>
 * sig-c-tag       = %x63 [FWS] "=" [FWS] sig-c-tag-alg ["/" sig-c-tag-alg]
 * sig-c-tag-alg   = "simple" / "relaxed" / x-sig-c-tag-alg
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 6376 §3.4.1–§3.4.4. "simple" tolerates almost no change; "relaxed" tolerates
 * whitespace changes and header re-folding.
 */
public enum DkimCanonicalization {
    /** RFC 6376 §3.4.1 (header) and §3.4.3 (body). */
    SIMPLE("simple"),
    /** RFC 6376 §3.4.2 (header) and §3.4.4 (body). */
    RELAXED("relaxed");

    private final String tag;

    DkimCanonicalization(String tag) {
        this.tag = tag;
    }

    /** The name as written in {@code c=}. */
    public String tag() {
        return tag;
    }

    /** The algorithm of that name (case-sensitive, RFC 6376 §3.2), if known. */
    public static Optional<DkimCanonicalization> fromTag(String value) {
        for (DkimCanonicalization c : values()) {
            if (c.tag.equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
