package smtp.wire;

import java.util.Objects;

/**
 * A General-address-literal, RFC 5321 §4.1.3:
 *
 * <pre>
 * General-address-literal  = Standardized-tag ":" 1*dcontent
 * Standardized-tag  = Ldh-str
 *                   ; Standardized-tag MUST be specified in a Standards-Track RFC and registered with IANA
 * dcontent       = %d33-90 / %d94-126 ; Printable US-ASCII excl. "[", "\", "]"
 * </pre>
 *
 * @param tag     the Standardized-tag (not "IPv6", which has its own type)
 * @param content the dcontent after the colon
 */
public record GeneralLiteral(String tag, String content) implements AddressLiteral {

    public GeneralLiteral {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(content, "content");
        // RFC 5321 §4.1.3: Standardized-tag = Ldh-str; 1*dcontent. "IPv6" is Ipv6Literal's tag.
        if (!smtp.wire.internal.AddressLiteralSyntax.isLdhStr(tag, 0, tag.length()) || tag.equalsIgnoreCase("IPv6")) {
            throw new IllegalArgumentException("RFC 5321 §4.1.3: bad Standardized-tag: " + tag);
        }
        if (content.isEmpty() || !content.chars().allMatch(c -> smtp.wire.internal.AddressLiteralSyntax.isDcontent((char) c))) {
            throw new IllegalArgumentException("RFC 5321 §4.1.3: content must be 1*dcontent");
        }
    }

    @Override
    public String toString() {
        return "[" + tag + ":" + content + "]";
    }
}
