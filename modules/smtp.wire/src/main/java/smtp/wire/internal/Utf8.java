package smtp.wire.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * UTF-8 helpers: strict decoding of untrusted octets and octet counts of strings.
 *
 * <h2>Standards</h2>
 * RFC 3629 (UTF-8; overlong forms and surrogates are invalid); RFC 5321 §4.5.3.1 counts limits
 * in octets, not characters; RFC 6531 §3.3 {@code UTF8-non-ascii} (defined in RFC 6532 §3.1).
 */
public final class Utf8 {

    private Utf8() {
    }

    /** True when every octet in b[off, off+len) is below 0x80. */
    public static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Decodes strictly (malformed or unmappable input is rejected, never replaced). */
    public static Optional<String> decode(byte[] b, int off, int len) {
        if (isAscii(b, off, len)) {
            return Optional.of(new String(b, off, len, StandardCharsets.ISO_8859_1));
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The number of UTF-8 octets of s[from, to) (a lone surrogate, never valid input, counts as 3). */
    public static int length(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * True when {@code s} can be part of a command line: no control character (CTL of RFC 5234
     * B.1, %x00-1F / %x7F: no CR, LF, NUL or HT) and no lone surrogate, so that it encodes into
     * UTF-8 octets that decode back to the same string and never end the line.
     */
    public static boolean isLineText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && nonAscii(s, i, s.length()) == 0)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return true;
    }

    /** True when {@code s} has no lone surrogate (it encodes into UTF-8 and back unchanged). */
    public static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (nonAscii(s, i, s.length()) != 2) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The UTF-8 octet count of the whole string. */
    public static int length(String s) {
        return length(s, 0, s.length());
    }

    /**
     * {@code UTF8-non-ascii} at s[i]: the number of chars it spans (1, or 2 for a surrogate pair),
     * or 0 when s[i] is ASCII or a lone surrogate (not a Unicode scalar value).
     */
    public static int nonAscii(String s, int i, int to) {
        char c = s.charAt(i);
        if (c < 0x80) {
            return 0;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 0;
        }
        return Character.isLowSurrogate(c) ? 0 : 1;
    }
}
