package smtp.auth.internal.authres;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import smtp.auth.AuthResultsEntry;
import smtp.auth.AuthResultsParse;
import smtp.auth.AuthResultsProperty;
import smtp.auth.AuthenticationResults;

/**
 * The RFC 8601 §2.2 grammar: a tokenizer that skips CFWS (nested comments and quoted-pairs,
 * RFC 5322 §3.2.2) and a recursive-descent parser over it.
 *
 * <pre>
 * value    = token / quoted-string            ; RFC 2045 §5.1
 * token    = 1*&lt;any (US-ASCII) CHAR except SPACE, CTLs, or tspecials&gt;
 * tspecials = "(" / ")" / "&lt;" / "&gt;" / "@" / "," / ";" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "="
 * pvalue   = [CFWS] ( value / [ [ local-part ] "@" ] domain-name ) [CFWS]
 * Keyword  = Let-dig [ Ldh-str ]
 * </pre>
 *
 * <h2>Diagnostics</h2>
 * Malformed input gives {@link AuthResultsParse.Malformed}; nothing here throws.
 */
public final class AuthResultsSyntax {

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private final String s;
    private int pos;

    private AuthResultsSyntax(String s) {
        this.s = s;
    }

    /** Parses a field value. */
    public static AuthResultsParse parse(String value) {
        AuthResultsSyntax p = new AuthResultsSyntax(value);
        try {
            return new AuthResultsParse.Ok(p.payload());
        } catch (Malformed e) {
            return new AuthResultsParse.Malformed(e.getMessage() + " at offset " + p.pos);
        }
    }

    /** The first value of the field (its authserv-id) after CFWS, if there is one. */
    public static Optional<String> leadingValue(String value) {
        AuthResultsSyntax p = new AuthResultsSyntax(value);
        try {
            p.cfws();
            String v = p.value();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    /** A parse failure inside this class; it never escapes {@link #parse}. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private AuthenticationResults payload() throws Malformed {
        cfws();
        String authservId = value();
        if (authservId.isEmpty()) {
            throw new Malformed("missing authserv-id");
        }
        cfws();
        // [ CFWS authres-version ]
        if (pos < s.length() && isDigit(s.charAt(pos))) {
            int v = number();
            if (v != 1) {
                // RFC 8601 §2.2: only version 1 is defined; a field of another version cannot be read
                throw new Malformed("unsupported authres-version " + v);
            }
            cfws();
        }
        List<AuthResultsEntry> entries = new ArrayList<>();
        boolean none = false;
        while (pos < s.length()) {
            expect(';');
            cfws();
            if (pos >= s.length()) {
                break; // a trailing ";" is common in the wild; tolerated
            }
            String method = keyword("method");
            cfws();
            if (entries.isEmpty() && !none && method.equalsIgnoreCase("none") && (pos >= s.length() || s.charAt(pos) == ';')) {
                none = true;
                continue;
            }
            OptionalInt version = OptionalInt.empty();
            if (peek('/')) {
                pos++;
                cfws();
                version = OptionalInt.of(number());
                cfws();
            }
            expect('=');
            cfws();
            String result = keyword("result");
            cfws();
            Optional<String> reason = Optional.empty();
            List<AuthResultsProperty> props = new ArrayList<>();
            while (pos < s.length() && s.charAt(pos) != ';') {
                String ptype = keyword("ptype or reason");
                cfws();
                if (ptype.equalsIgnoreCase("reason") && peek('=') && props.isEmpty() && reason.isEmpty()) {
                    pos++;
                    cfws();
                    reason = Optional.of(value());
                    cfws();
                    continue;
                }
                expect('.');
                cfws();
                String property = keyword("property");
                cfws();
                expect('=');
                cfws();
                String pvalue = pvalue();
                cfws();
                props.add(new AuthResultsProperty(ptype, property, pvalue));
            }
            entries.add(new AuthResultsEntry(method, version, result, reason, props));
        }
        if (none && !entries.isEmpty()) {
            throw new Malformed("\"none\" together with results");
        }
        if (!none && entries.isEmpty()) {
            throw new Malformed("no resinfo and no \"none\"");
        }
        return new AuthenticationResults(authservId, entries);
    }

    /** CFWS: whitespace (folding included) and nested comments. */
    private void cfws() throws Malformed {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                comment();
            } else {
                return;
            }
        }
    }

    private void comment() throws Malformed {
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth == 0) {
                    return;
                }
            }
        }
        throw new Malformed("unterminated comment");
    }

    /** value = token / quoted-string. */
    private String value() throws Malformed {
        if (peek('"')) {
            return quotedString();
        }
        int start = pos;
        while (pos < s.length() && isTokenChar(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** pvalue: a value, or [ [ local-part ] "@" ] domain-name (dots and "@" allowed unquoted). */
    private String pvalue() throws Malformed {
        StringBuilder sb = new StringBuilder();
        if (peek('"')) {
            sb.append(quotedString());
            if (!peek('@')) {
                return sb.toString();
            }
        }
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ';' || c == '(' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c < 0x21 || c == 0x7f) {
                break;
            }
            pos++;
        }
        sb.append(s, start, pos);
        if (sb.isEmpty()) {
            throw new Malformed("empty property value");
        }
        return sb.toString();
    }

    private String quotedString() throws Malformed {
        StringBuilder sb = new StringBuilder();
        pos++; // opening DQUOTE
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    break;
                }
                sb.append(s.charAt(pos++));
            } else if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        throw new Malformed("unterminated quoted-string");
    }

    private String keyword(String what) throws Malformed {
        int start = pos;
        while (pos < s.length() && (isLetDig(s.charAt(pos)) || s.charAt(pos) == '-')) {
            pos++;
        }
        String k = s.substring(start, pos);
        if (!isKeyword(k)) {
            throw new Malformed("expected " + what);
        }
        return k;
    }

    private int number() throws Malformed {
        int start = pos;
        while (pos < s.length() && isDigit(s.charAt(pos)) && pos - start < 9) {
            pos++;
        }
        if (start == pos || (pos < s.length() && isDigit(s.charAt(pos)))) {
            throw new Malformed("expected a version number");
        }
        return Integer.parseInt(s.substring(start, pos));
    }

    private void expect(char c) throws Malformed {
        if (!peek(c)) {
            throw new Malformed("expected '" + c + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    /** Keyword = Let-dig [ Ldh-str ]; Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig. */
    public static boolean isKeyword(String k) {
        if (k.isEmpty() || !isLetDig(k.charAt(0)) || !isLetDig(k.charAt(k.length() - 1))) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            if (!isLetDig(k.charAt(i)) && k.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetDig(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && TSPECIALS.indexOf(c) < 0;
    }

    /** A quoted-string with '"' and '\' escaped. */
    public static String quote(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /**
     * {@code v} as written: bare when it is a token (or, for a pvalue, an address-like run of
     * visible characters other than quotes, parentheses and ";"), else a quoted-string.
     */
    public static String quoteIfNeeded(String v, boolean pvalue) {
        if (v.isEmpty()) {
            return "\"\"";
        }
        boolean bare = true;
        for (int i = 0; i < v.length() && bare; i++) {
            char c = v.charAt(i);
            bare = pvalue ? c > 0x20 && c < 0x7f && c != ';' && c != '(' && c != ')' && c != '"' && c != '\\'
                    : isTokenChar(c);
        }
        if (pvalue && bare && v.charAt(0) == '"') {
            bare = false;
        }
        return bare ? v : quote(v);
    }
}
