package smtp.auth;

import java.util.Locale;

/**
 * The seven results of SPF's {@code check_host()} function, RFC 7208 §2.6.
 *
 * <h2>Standards</h2>
 * RFC 7208 §2.6 (results), §8 (what a receiver does with each).
 */
public enum SpfResult {
    /** §2.6.1: no syntactically valid DNS domain, or no SPF record was found. */
    NONE,
    /** §2.6.2: the domain owner explicitly states no assertion about the client. */
    NEUTRAL,
    /** §2.6.3: the client is authorized to inject mail with the given identity. */
    PASS,
    /** §2.6.4: the client is not authorized to use the domain in the given identity. */
    FAIL,
    /** §2.6.5: weak statement that the host is probably not authorized. */
    SOFTFAIL,
    /** §2.6.6: a transient (generally DNS) error; a later retry may succeed. */
    TEMPERROR,
    /** §2.6.7: the published records could not be correctly interpreted. */
    PERMERROR;

    /** The lower-case keyword used in Received-SPF and Authentication-Results ({@code pass}, {@code softfail}...). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
