package smtp.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code propspec = ptype [CFWS] "." [CFWS] property [CFWS] "=" pvalue}, RFC 8601 §2.2: one fact
 * a method's result rests on, such as {@code smtp.mailfrom=user@example.com} or
 * {@code header.d=example.com}.
 *
 * @param ptype    {@code smtp}, {@code header}, {@code body} or {@code policy} (§2.3), lower case
 * @param property the property ({@code mailfrom}, {@code helo}, {@code d}, {@code s}, {@code b},
 *                 {@code from}...), lower case
 * @param value    the value, unquoted
 */
public record AuthResultsProperty(String ptype, String property, String value) {

    public AuthResultsProperty {
        Objects.requireNonNull(ptype, "ptype");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        if (!AuthenticationResults.isKeyword(ptype) || !AuthenticationResults.isKeyword(property)) {
            throw new IllegalArgumentException("ptype and property are Keywords (RFC 8601 §2.2): " + ptype + "." + property);
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("CR or LF in a property value");
        }
        ptype = ptype.toLowerCase(Locale.ROOT);
        property = property.toLowerCase(Locale.ROOT);
    }
}
