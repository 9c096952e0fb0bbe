package smtp.conformance;

/**
 * How the runner secures each connection to the target.
 *
 * <h2>Standards</h2>
 * RFC 3207 (STARTTLS), RFC 8314 §3 (implicit TLS on a submission port).
 */
public enum TlsMode {
    /** Plain TCP; scenarios that upgrade with STARTTLS themselves still do so. */
    NONE,
    /**
     * Every connection is upgraded first (greeting, EHLO, STARTTLS, handshake); the scenario then
     * runs inside TLS, its greeting step matched against the greeting already received.
     */
    STARTTLS,
    /** TLS from the first octet (RFC 8314 §3.3); scenarios that need a plaintext start are n/a. */
    IMPLICIT;

    /** The command-line spelling: {@code none}, {@code starttls}, {@code implicit}. */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
