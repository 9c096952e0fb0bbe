package smtp.wire;

import java.util.Optional;

/**
 * xtext, RFC 3461 §4: the encoding of ENVID, ORCPT and the {@code AUTH=} parameter (RFC 4954 §5).
 *
 * <pre>
 * xtext = *( xchar / hexchar )
 * xchar = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "=".
 * hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
 * </pre>
 */
public final class Xtext {

    private Xtext() {
    }

    /** Encodes every octet outside xchar (and "+", "=") as {@code +XX} of its UTF-8 octets. */
    public static String encode(String text) {
        return smtp.wire.internal.XtextCodec.encode(text);
    }

    /** Decodes xtext; empty if the text is not valid xtext (RFC 3461 §4). */
    public static Optional<String> decode(String xtext) {
        return smtp.wire.internal.XtextCodec.decode(xtext);
    }
}
