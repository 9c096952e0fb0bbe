package smtp.auth.internal.spf;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses macro-strings, domain-specs and explain-strings, RFC 7208 §7.1, without expanding them.
 *
 * <pre>
 * domain-spec      = macro-string domain-end
 * domain-end       = ( "." toplabel [ "." ] ) / macro-expand
 * toplabel         = ( *alphanum ALPHA *alphanum ) /
 *                    ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
 * explain-string   = *( macro-string / SP )
 * macro-string     = *( macro-expand / macro-literal )
 * macro-expand     = ( "%{" macro-letter transformers *delimiter "}" )
 *                    / "%%" / "%_" / "%-"
 * macro-literal    = %x21-24 / %x26-7E
 * macro-letter     = "s" / "l" / "o" / "d" / "i" / "p" / "h" / "c" / "r" / "t" / "v"
 * transformers     = *DIGIT [ "r" ]
 * delimiter        = "." / "-" / "+" / "," / "/" / "_" / "="
 * </pre>
 *
 * <h2>Diagnostics</h2>
 * Malformed input gives {@link Parsed.Malformed}; nothing here throws.
 */
public final class MacroSyntax {

    /** Where a macro-string appears; decides which letters and characters are allowed. */
    public enum Use {
        /** A mechanism's or redirect=/exp= domain-spec: no c, r, t (§7.3), must end in domain-end. */
        DOMAIN_SPEC,
        /** The value of an unknown modifier: any macro letter, no domain-end rule. */
        UNKNOWN_MODIFIER,
        /** The TXT record an exp= names: c, r, t allowed, and spaces (§6.2, §7.3). */
        EXPLAIN_STRING
    }

    private MacroSyntax() {
    }

    /** Parses {@code text} for the given use. */
    public static Parsed<MacroString> parse(String text, Use use) {
        List<MacroString.Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int literalRunStart = 0; // index in text where the trailing literal run began
        boolean endsInMacro = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 1 >= n) {
                    return malformed("'%' at the end of " + quote(text));
                }
                char d = text.charAt(i + 1);
                if (d == '%' || d == '_' || d == '-') {
                    // §7.1: "%%" is "%", "%_" a single space, "%-" a URL-encoded space "%20"
                    lit.append(d == '%' ? "%" : d == '_' ? " " : "%20");
                    i += 2;
                    endsInMacro = true;
                    literalRunStart = i;
                    continue;
                }
                if (d != '{') {
                    // §7.1: "A '%' character not followed by a '{', '%', '-', or '_' character is a syntax error."
                    return malformed("'%' not followed by '{', '%', '-' or '_' in " + quote(text));
                }
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    return malformed("unterminated macro in " + quote(text));
                }
                Parsed<MacroString.Macro> m = macro(text.substring(i + 2, close), use, text);
                if (m instanceof Parsed.Malformed<MacroString.Macro> bad) {
                    return malformed(bad.reason());
                }
                if (lit.length() > 0) {
                    parts.add(new MacroString.Literal(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(((Parsed.Ok<MacroString.Macro>) m).value());
                i = close + 1;
                endsInMacro = true;
                literalRunStart = i;
                continue;
            }
            boolean visible = c >= 0x21 && c <= 0x7e;
            if (!visible && !(c == ' ' && use == Use.EXPLAIN_STRING)) {
                return malformed("character 0x" + Integer.toHexString(c) + " not allowed in " + quote(text));
            }
            lit.append(c);
            endsInMacro = false;
            i++;
        }
        if (lit.length() > 0) {
            parts.add(new MacroString.Literal(lit.toString()));
        }
        if (use == Use.DOMAIN_SPEC) {
            if (text.isEmpty()) {
                return malformed("empty domain-spec");
            }
            if (!endsInMacro && !domainEnd(text.substring(literalRunStart))) {
                return malformed("domain-spec " + quote(text) + " does not end in a macro or '.' toplabel");
            }
        }
        return new Parsed.Ok<>(new MacroString(parts, text));
    }

    /** Parses the inside of {@code %{...}}: macro-letter transformers *delimiter. */
    private static Parsed<MacroString.Macro> macro(String body, Use use, String text) {
        if (body.isEmpty()) {
            return malformed("empty macro in " + quote(text));
        }
        char raw = body.charAt(0);
        char letter = Character.toLowerCase(raw);
        if ("slodiphcrtv".indexOf(letter) < 0 || raw > 0x7f) {
            return malformed("unknown macro letter '" + raw + "' in " + quote(text));
        }
        // §7.3: "The following macro letters are allowed only in "exp" text: c, r, t"
        if ((letter == 'c' || letter == 'r' || letter == 't') && use == Use.DOMAIN_SPEC) {
            return malformed("macro letter '" + raw + "' is allowed only in explanation text: " + quote(text));
        }
        int i = 1;
        long keep = 0;
        boolean digits = false;
        while (i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
            keep = Math.min(keep * 10 + (body.charAt(i) - '0'), Integer.MAX_VALUE);
            digits = true;
            i++;
        }
        // §7.3: "If a DIGIT is specified, the value MUST be at least one (1)"
        if (digits && keep == 0) {
            return malformed("macro transformer digit 0 in " + quote(text));
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        StringBuilder delims = new StringBuilder();
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (".-+,/_=".indexOf(c) < 0) {
                return malformed("bad delimiter '" + c + "' in " + quote(text));
            }
            delims.append(c);
        }
        return new Parsed.Ok<>(new MacroString.Macro(letter, Character.isUpperCase(raw), (int) keep, reverse,
                delims.length() == 0 ? "." : delims.toString()));
    }

    /** domain-end = "." toplabel [ "." ], checked on the trailing literal text. */
    static boolean domainEnd(String tail) {
        String t = tail.endsWith(".") ? tail.substring(0, tail.length() - 1) : tail;
        int dot = t.lastIndexOf('.');
        return dot >= 0 && isToplabel(t.substring(dot + 1));
    }

    /** toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ). */
    public static boolean isToplabel(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean alpha = false;
        boolean dash = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isAlpha(c)) {
                alpha = true;
            } else if (c == '-') {
                dash = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        if (!dash) {
            return alpha;
        }
        return s.charAt(0) != '-' && s.charAt(s.length() - 1) != '-';
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
    }

    private static <T> Parsed<T> malformed(String reason) {
        return new Parsed.Malformed<>(reason);
    }
}
