package smtp.auth.internal.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import smtp.auth.DkimParseResult;

/**
 * The tag=value list of RFC 6376 §3.2, shared by the DKIM-Signature field and the key record.
 *
 * <pre>
 * tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
 * tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 * tag-name  =  ALPHA *ALNUMPUNC
 * tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]
 * tval      =  1*VALCHAR
 * VALCHAR   =  %x21-3A / %x3C-7E
 * ALNUMPUNC =  ALPHA / DIGIT / "_"
 * </pre>
 *
 * RFC 8616 §4 adds UTF8-non-ascii to VALCHAR (EAI addresses in {@code i=}), and §3.2 itself
 * advises "not to preclude the use of UTF-8", so non-ASCII characters are accepted in values.
 * Whitespace around names and values is dropped; whitespace inside a value is kept (§3.2: "WSP
 * inside the value is significant"), unfolded (CR and LF count as whitespace here because
 * folding is FWS).
 *
 * <h2>Diagnostics</h2>
 * Never throws; a malformed list (no "=", a bad name, a control character, an empty tag-spec)
 * or a duplicate name ("the entire tag-list is invalid", §3.2) gives {@link DkimParseResult.Invalid}.
 */
public final class TagList {

    private TagList() {
    }

    /** Parses {@code text} into an insertion-ordered, unmodifiable map of tag name to value. */
    public static DkimParseResult<Map<String, String>> parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        int n = text.length();
        int pos = 0;
        while (true) {
            int semi = text.indexOf(';', pos);
            int end = semi < 0 ? n : semi;
            int s = skipWhitespace(text, pos, end);
            if (s == end) {
                // An empty tag-spec: only allowed as the optional final ";" (plus whitespace).
                if (semi < 0 && !tags.isEmpty()) {
                    break;
                }
                return invalid(tags.isEmpty() && semi < 0 ? "empty tag-list" : "empty tag-spec");
            }
            int eq = text.indexOf('=', s);
            if (eq < 0 || eq > end) {
                return invalid("tag-spec without '=': " + excerpt(text, s, end));
            }
            int nameEnd = trimEnd(text, s, eq);
            String name = text.substring(s, nameEnd);
            if (!isTagName(name)) {
                return invalid("malformed tag-name: " + excerpt(text, s, eq));
            }
            int vs = skipWhitespace(text, eq + 1, end);
            int ve = trimEnd(text, vs, end);
            for (int i = vs; i < ve; i++) {
                char c = text.charAt(i);
                if (!(isValChar(c) || isWhitespace(c))) {
                    return invalid("character 0x" + Integer.toHexString(c) + " not allowed in the value of " + name);
                }
            }
            if (tags.putIfAbsent(name, text.substring(vs, ve)) != null) {
                // RFC 6376 §3.2: "if a tag name does occur more than once, the entire tag-list is invalid."
                return invalid("duplicate tag " + name);
            }
            if (semi < 0) {
                break;
            }
            pos = semi + 1;
        }
        return new DkimParseResult.Ok<>(Collections.unmodifiableMap(tags));
    }

    /** ALPHA *ALNUMPUNC. */
    static boolean isTagName(String name) {
        if (name.isEmpty() || !isAlpha(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isAlpha(c) || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** VALCHAR = %x21-3A / %x3C-7E, plus UTF8-non-ascii (RFC 8616 §4). */
    static boolean isValChar(char c) {
        return (c >= 0x21 && c <= 0x3A) || (c >= 0x3C && c <= 0x7E) || c >= 0x80;
    }

    /** WSP and the CR LF of FWS. */
    public static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** {@code value} with every whitespace character removed (base64 values, §3.5 b=, bh=; §3.6.1 p=). */
    public static String removeWhitespace(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                if (sb == null) {
                    sb = new StringBuilder(value.length()).append(value, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? value : sb.toString();
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int skipWhitespace(String s, int from, int to) {
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static String excerpt(String s, int from, int to) {
        String e = s.substring(from, Math.min(to, from + 40));
        return '"' + e.replaceAll("[\\x00-\\x1f]", "?") + '"';
    }

    private static <T> DkimParseResult<T> invalid(String reason) {
        return new DkimParseResult.Invalid<>(reason);
    }
}
