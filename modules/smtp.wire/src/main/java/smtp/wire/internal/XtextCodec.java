package smtp.wire.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RFC 3461 §4 xtext:
 *
 * <pre>
 * xtext = *( xchar / hexchar )
 * xchar = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "=".
 * ; "hexchar"s are intended to encode octets that cannot appear as ASCII characters
 * hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
 * </pre>
 */
public final class XtextCodec {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private XtextCodec() {
    }

    public static String encode(String text) {
        if (isPlain(text)) {
            return text;
        }
        byte[] octets = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(octets.length + 8);
        for (byte b : octets) {
            int c = b & 0xff;
            if (c >= 33 && c <= 126 && c != '+' && c != '=') {
                sb.append((char) c);
            } else {
                sb.append('+').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    public static Optional<String> decode(String xtext) {
        if (isPlain(xtext)) {
            return Optional.of(xtext); // only xchars: the text is its own decoding (and ASCII)
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    return Optional.empty();
                }
                int hi = hex(xtext.charAt(i + 1));
                int lo = hex(xtext.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c >= 33 && c <= 126 && c != '=') {
                out.write(c);
            } else {
                return Optional.empty();
            }
        }
        byte[] bytes = out.toByteArray();
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return Optional.of(decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** True when every character is an xchar (no hexchar to decode). */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126 || c == '+' || c == '=') {
                return false;
            }
        }
        return true;
    }

    /** An upper-case hex digit's value, or -1 (RFC 3461 §4: "two upper case hexadecimal digits"). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
