package smtp.wire.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts an RFC 5322 address list into {@link AddressToken}s, dropping CFWS.
 *
 * <pre>
 * atext           =   ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" /
 *                     "-" / "/" / "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"
 *                     / UTF8-non-ascii                                    ; RFC 6532 §3.2
 * specials        =   "(" / ")" / "&lt;" / "&gt;" / "[" / "]" / ":" / ";" / "@" / "\" / "," / "." / DQUOTE
 * quoted-pair     =   ("\" (VCHAR / WSP)) / obs-qp
 * obs-qp          =   "\" (%d0 / obs-NO-WS-CTL / LF / CR)
 * FWS             =   ([*WSP CRLF] 1*WSP) / obs-FWS
 * ctext           =   %d33-39 / %d42-91 / %d93-126 / obs-ctext
 * ccontent        =   ctext / quoted-pair / comment
 * comment         =   "(" *([FWS] ccontent) [FWS] ")"
 * CFWS            =   (1*([FWS] comment) [FWS]) / FWS
 * qtext           =   %d33 / %d35-91 / %d93-126 / obs-qtext
 * quoted-string   =   [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]
 * dtext           =   %d33-90 / %d94-126 / obs-dtext
 * domain-literal  =   [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 5322 §3.2.1–§3.2.5 and §4.1/§4.2 (obs-qp, obs-FWS, obs-ctext, obs-qtext, obs-dtext).
 * Comments nest (§3.2.2) to any depth, tracked by a counter, not recursion. CR and LF are
 * folding white space wherever they occur (the value may or may not be unfolded already); in
 * a quoted-string they are "semantically invisible" (§3.2.4) and dropped, and a quoted-pair
 * of CR, LF or NUL is dropped too, so that no token can smuggle a line break into a header.
 * A domain-literal keeps its quoted-pairs as written (it is an opaque name), without FWS.
 * Encoded words (RFC 2047) are atoms and are left as they are.
 *
 * <h2>Diagnostics</h2>
 * {@link #error()} names the first problem: an unterminated comment, quoted-string or
 * domain-literal, or a character that cannot appear outside them.
 */
final class AddressLexer {

    private final String s;
    private final List<AddressToken> tokens = new ArrayList<>();
    private String error;

    private AddressLexer(String s) {
        this.s = s;
    }

    /** The tokens of {@code s}, ending with an {@link AddressToken.Kind#END} token; empty on error. */
    static AddressLexer lex(String s) {
        AddressLexer lexer = new AddressLexer(s);
        lexer.run();
        return lexer;
    }

    /** The tokens, or empty if the input could not be cut into tokens. */
    Optional<List<AddressToken>> tokens() {
        return error == null ? Optional.of(tokens) : Optional.empty();
    }

    /** What went wrong, when {@link #tokens()} is empty. */
    String error() {
        return error == null ? "" : error;
    }

    private void run() {
        int i = 0;
        int n = s.length();
        boolean space = false;
        while (i < n && error == null) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
                i++;
            } else if (c == '(') {
                i = comment(i);
                space = true;
            } else if (c == '"') {
                i = quoted(i, space);
                space = false;
            } else if (c == '[') {
                i = literal(i, space);
                space = false;
            } else if (c == '<' || c == '>' || c == '@' || c == ',' || c == ';' || c == ':' || c == '.') {
                tokens.add(new AddressToken(AddressToken.Kind.SPECIAL, String.valueOf(c), space, i));
                space = false;
                i++;
            } else if (isAtext(c)) {
                int start = i;
                while (i < n && isAtext(s.charAt(i))) {
                    i++;
                }
                tokens.add(new AddressToken(AddressToken.Kind.ATOM, s.substring(start, i), space, start));
                space = false;
            } else {
                error = "unexpected " + describe(c) + " at position " + i;
            }
        }
        tokens.add(new AddressToken(AddressToken.Kind.END, "", space, n));
    }

    /** Skips a comment starting at {@code i} (an "("); returns the index after its ")". */
    private int comment(int i) {
        int depth = 0;
        int n = s.length();
        for (int j = i; j < n; j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++; // quoted-pair: the next character is content, whatever it is
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            } else if (c == 0) {
                error = "NUL in a comment at position " + j;
                return n;
            }
        }
        error = "unterminated comment starting at position " + i;
        return n;
    }

    /** Reads a quoted-string starting at {@code i} (a DQUOTE); returns the index after it. */
    private int quoted(int i, boolean space) {
        StringBuilder sb = new StringBuilder();
        int n = s.length();
        for (int j = i + 1; j < n; j++) {
            char c = s.charAt(j);
            if (c == '"') {
                tokens.add(new AddressToken(AddressToken.Kind.QUOTED, sb.toString(), space, i));
                return j + 1;
            }
            if (c == '\\') {
                if (++j == n) {
                    break;
                }
                c = s.charAt(j);
                if (c != '\r' && c != '\n' && c != 0) {
                    sb.append(c);
                }
            } else if (c == 0) {
                error = "NUL in a quoted-string at position " + j;
                return n;
            } else if (c != '\r' && c != '\n') {
                sb.append(c); // qtext, obs-qtext, WSP, UTF-8
            }
        }
        error = "unterminated quoted-string starting at position " + i;
        return n;
    }

    /** Reads a domain-literal starting at {@code i} (a "["); returns the index after it. */
    private int literal(int i, boolean space) {
        StringBuilder sb = new StringBuilder("[");
        int n = s.length();
        for (int j = i + 1; j < n; j++) {
            char c = s.charAt(j);
            if (c == ']') {
                tokens.add(new AddressToken(AddressToken.Kind.LITERAL, sb.append(']').toString(), space, i));
                return j + 1;
            }
            if (c == '\\') {
                if (++j == n) {
                    break;
                }
                c = s.charAt(j);
                if (c != '\r' && c != '\n' && c != 0) {
                    sb.append('\\').append(c); // obs-dtext quoted-pair, kept as written
                }
            } else if (c == '[' || c == 0) {
                error = "unexpected " + describe(c) + " in a domain-literal at position " + j;
                return n;
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                sb.append(c); // dtext; FWS inside the brackets is dropped
            }
        }
        error = "unterminated domain-literal starting at position " + i;
        return n;
    }

    /** {@code atext} of RFC 5322 §3.2.3 plus RFC 6532's UTF8-non-ascii. */
    static boolean isAtext(char c) {
        if (c >= 0x80) {
            return true;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7F ? "\"" + c + "\"" : String.format("U+%04X", (int) c);
    }
}
