package smtp.session;

/**
 * When a {@link ClientSession} upgrades with STARTTLS (RFC 3207).
 */
public enum TlsPolicy {
    /** Never send STARTTLS. */
    DISABLED,
    /**
     * Send STARTTLS when the server offers it; go on in cleartext when it is not offered or
     * refused with 454 (the usual MTA-to-MTA mode; RFC 3207 §4.1 lets the client decide).
     */
    OPPORTUNISTIC,
    /**
     * Require TLS: if the server does not offer STARTTLS or refuses it, stop with a temporary
     * failure (4.7.4) and send nothing else but QUIT.
     */
    REQUIRED
}
