package smtp.auth.internal.dkim;

import java.util.Base64;
import java.util.Optional;

/**
 * A base64 tag value: RFC 6376 §2.10 {@code base64string}, in which FWS may appear anywhere
 * ("Whitespace is ignored in this value", §3.5 b=, bh=; §3.6.1 p=).
 *
 * <pre>
 * base64string    =  ALPHADIGITPS *([FWS] ALPHADIGITPS)
 *                    [ [FWS] "=" [ [FWS] "=" ] ]
 * </pre>
 *
 * <h2>Diagnostics</h2>
 * Never throws; a value that is not base64 gives an empty Optional.
 */
public final class Base64Value {

    private Base64Value() {
    }

    /** The decoded octets of {@code value} (whitespace removed); empty when not base64. */
    public static Optional<byte[]> decode(String value) {
        String v = TagList.removeWhitespace(value);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || (c == '=' && i >= v.length() - 2);
            if (!ok) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Base64.getDecoder().decode(v));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // bad padding or length
        }
    }
}
