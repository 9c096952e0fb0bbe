package smtp.auth;

import java.util.Locale;

/**
 * The identity an SPF check authorizes, RFC 7208 §2.3 and §2.4.
 *
 * <h2>Standards</h2>
 * RFC 7208 §2.3 (HELO identity), §2.4 (MAIL FROM identity, and the HELO domain standing in for
 * a null reverse-path), RFC 8601 §2.7.2 ({@code smtp.mailfrom} / {@code smtp.helo}).
 */
public enum SpfIdentity {
    /** The domain given in HELO or EHLO. */
    HELO,
    /** The domain of the MAIL FROM reverse-path ({@code postmaster@<HELO>} when that is null). */
    MAILFROM;

    /** The Received-SPF {@code identity=} key value: {@code helo} or {@code mailfrom}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
