package smtp.auth;

/**
 * Identifier alignment mode, RFC 7489 §3.1 ({@code adkim=}, {@code aspf=}): relaxed (the
 * Organizational Domains are equal) or strict (the domains are equal).
 */
public enum DmarcAlignment {
    /** {@code r}, the default. */
    RELAXED,
    /** {@code s}. */
    STRICT;

    /** "r" or "s". */
    public String keyword() {
        return this == RELAXED ? "r" : "s";
    }
}
