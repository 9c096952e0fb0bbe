package smtp.auth.internal.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * DKIM-Quoted-Printable, RFC 6376 §2.11, the encoding of the {@code i=} and {@code z=} tags.
 *
 * <pre>
 * dkim-quoted-printable =  *(FWS / hex-octet / dkim-safe-char)
 * dkim-safe-char        =  %x21-3A / %x3C / %x3E-7E
 * hex-octet             =  "=" 2(DIGIT / "A" / "B" / "C" / "D" / "E" / "F")   ; RFC 2045 §6.7
 * </pre>
 *
 * "FWS MAY be added at arbitrary locations ... and MUST be removed before decoding." The hex
 * digits are upper case ("no lowercase characters permitted"). The decoded octets are read as
 * UTF-8 (RFC 8616 §4 lets {@code i=} carry UTF-8 addresses).
 *
 * <h2>Diagnostics</h2>
 * {@link #decode} never throws; malformed text gives an empty Optional.
 */
public final class DkimQuotedPrintable {

    private DkimQuotedPrintable() {
    }

    /** Decodes {@code text}; empty for a truncated or lower-case hex-octet, or a bare ";" or "=". */
    public static Optional<String> decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (TagList.isWhitespace(c)) {
                continue; // RFC 6376 §2.11: FWS is not part of the value
            }
            if (c == '=') {
                if (i + 2 >= n) {
                    return Optional.empty();
                }
                int hi = hex(text.charAt(i + 1));
                int lo = hex(text.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == ';' || c < 0x21 || c == 0x7F) {
                return Optional.empty();
            } else if (c < 0x80) {
                out.write(c);
            } else {
                // UTF-8 left unencoded (RFC 8616 §4).
                int cp = text.codePointAt(i);
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    /**
     * Encodes {@code value} (its UTF-8 octets): every octet outside dkim-safe-char, and "|"
     * when {@code encodeBar} (the z= list separator, §3.5), becomes a hex-octet.
     */
    public static String encode(String value, boolean encodeBar) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean safe = (c >= 0x21 && c <= 0x3A) || c == 0x3C || (c >= 0x3E && c <= 0x7E);
            if (safe && !(encodeBar && c == '|')) {
                sb.append((char) c);
            } else {
                sb.append('=').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
        return sb.toString();
    }

    private static final String HEX = "0123456789ABCDEF";

    private static int hex(char c) {
        return HEX.indexOf(c);
    }
}
