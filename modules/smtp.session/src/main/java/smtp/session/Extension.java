package smtp.session;

import java.util.Locale;
import java.util.Optional;

/**
 * The SMTP service extensions this module implements, each with the EHLO keyword that
 * announces it (RFC 5321 §4.1.1.1, §2.2).
 *
 * <h2>Standards</h2>
 * RFC 1870 (SIZE), RFC 2920 (PIPELINING), RFC 6152 (8BITMIME), RFC 6531 (SMTPUTF8),
 * RFC 2034 (ENHANCEDSTATUSCODES), RFC 3207 (STARTTLS), RFC 4954 (AUTH), RFC 3461 (DSN),
 * RFC 3030 (CHUNKING).
 */
public enum Extension {
    /** RFC 2920: command pipelining. */
    PIPELINING("PIPELINING"),
    /** RFC 1870: message size declaration; the keyword carries the limit. */
    SIZE("SIZE"),
    /** RFC 6152: 8-bit MIME transport. */
    EIGHT_BIT_MIME("8BITMIME"),
    /** RFC 6531: internationalized email. */
    SMTPUTF8("SMTPUTF8"),
    /** RFC 2034: enhanced status codes on replies. */
    ENHANCED_STATUS_CODES("ENHANCEDSTATUSCODES"),
    /** RFC 3207: TLS upgrade. */
    STARTTLS("STARTTLS"),
    /** RFC 4954: SASL authentication; the keyword carries the mechanisms. */
    AUTH("AUTH"),
    /** RFC 3461: delivery status notifications. */
    DSN("DSN"),
    /** RFC 3030: BDAT. */
    CHUNKING("CHUNKING");

    private final String keyword;

    Extension(String keyword) {
        this.keyword = keyword;
    }

    /** The EHLO keyword, e.g. {@code 8BITMIME}. */
    public String keyword() {
        return keyword;
    }

    /** The extension an EHLO keyword names (case-insensitive, RFC 5321 §2.4). */
    public static Optional<Extension> ofKeyword(String keyword) {
        String upper = keyword.toUpperCase(Locale.ROOT);
        for (Extension e : values()) {
            if (e.keyword.equals(upper)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
