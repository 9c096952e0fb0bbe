package smtp.wire.internal;

import java.util.ArrayList;
import java.util.List;
import smtp.wire.Domain;
import smtp.wire.Host;
import smtp.wire.Limits;
import smtp.wire.Mailbox;

/**
 * A cursor over one path, mailbox or host: the recursive-descent half of {@link PathSyntax}.
 * Each rule method consumes its production at {@link #pos} and returns true, or records a
 * {@link Fault} and returns false. Not thread-safe; one instance per parse.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.2, with RFC 6531 §3.3 for UTF-8:
 * <pre>
 * Path           = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"
 * A-d-l          = At-domain *( "," At-domain )
 * At-domain      = "@" Domain
 * Mailbox        = Local-part "@" ( Domain / address-literal )
 * Local-part     = Dot-string / Quoted-string
 * Dot-string     = Atom *("."  Atom)
 * Atom           = 1*atext
 * Quoted-string  = DQUOTE *QcontentSMTP DQUOTE
 * QcontentSMTP   = qtextSMTP / quoted-pairSMTP
 * quoted-pairSMTP  = %d92 %d32-126
 * qtextSMTP      = %d32-33 / %d35-91 / %d93-126
 * Domain         = sub-domain *("." sub-domain)
 * sub-domain     = Let-dig [Ldh-str]
 * </pre>
 * atext is RFC 5322 §3.2.3: {@code ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" /
 * "+" / "-" / "/" / "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"}.
 */
final class PathParser {

    /** Why parsing stopped. */
    enum Fault { SYNTAX, LOCAL_PART_TOO_LONG, DOMAIN_TOO_LONG, PATH_TOO_LONG }

    private final String s;
    private final int to;
    int pos;
    Fault fault = Fault.SYNTAX;
    Host host;
    Mailbox mailbox;
    List<Domain> route = List.of();

    PathParser(String s, int from, int to) {
        this.s = s;
        this.pos = from;
        this.to = to;
    }

    boolean atEnd() {
        return pos == to;
    }

    private boolean fail(Fault f) {
        fault = f;
        return false;
    }

    private boolean peek(char c) {
        return pos < to && s.charAt(pos) == c;
    }

    /** {@code Path}, with its angle brackets. */
    boolean path() {
        if (!peek('<')) {
            return fail(Fault.SYNTAX);
        }
        pos++;
        if (peek('@')) {
            // A-d-l ":" -- the source route, accepted and kept but ignored (RFC 5321 §4.1.2, Appendix C)
            List<Domain> r = new ArrayList<>(2);
            while (true) {
                pos++; // "@"
                if (!domain(true)) {
                    return false;
                }
                r.add((Domain) host);
                if (!peek(',')) {
                    break;
                }
                pos++;
                if (!peek('@')) {
                    return fail(Fault.SYNTAX);
                }
            }
            if (!peek(':')) {
                return fail(Fault.SYNTAX);
            }
            pos++;
            route = r;
        }
        if (!mailbox()) {
            return false;
        }
        if (!peek('>')) {
            return fail(Fault.SYNTAX);
        }
        pos++;
        return true;
    }

    /** {@code Mailbox = Local-part "@" ( Domain / address-literal )}. */
    boolean mailbox() {
        int start = pos;
        int end = scanLocalPart(s, pos, to);
        if (end < 0) {
            return fail(Fault.SYNTAX);
        }
        // RFC 5321 §4.5.3.1.1: "The maximum total length of a user name or other local-part is 64 octets."
        if (end - start > Limits.LOCAL_PART || Utf8.length(s, start, end) > Limits.LOCAL_PART) {
            return fail(Fault.LOCAL_PART_TOO_LONG);
        }
        pos = end;
        if (!peek('@')) {
            return fail(Fault.SYNTAX);
        }
        pos++;
        if (!host(true)) {
            return false;
        }
        mailbox = new Mailbox(s.substring(start, end), host);
        return true;
    }

    /** {@code Domain / address-literal}. */
    boolean host(boolean utf8) {
        if (!peek('[')) {
            return domain(utf8);
        }
        int close = s.indexOf(']', pos + 1);
        if (close < 0 || close >= to) {
            return fail(Fault.SYNTAX);
        }
        var literal = AddressLiteralSyntax.parse(s, pos + 1, close);
        if (literal.isEmpty()) {
            return fail(Fault.SYNTAX);
        }
        // RFC 5321 §4.5.3.1.2: "a domain name or number" is at most 255 octets.
        if (close + 1 - pos > Limits.DOMAIN) {
            return fail(Fault.DOMAIN_TOO_LONG);
        }
        host = literal.get();
        pos = close + 1;
        return true;
    }

    /** {@code Domain}; with {@code utf8}, sub-domains may be U-labels (RFC 6531 §3.3). */
    boolean domain(boolean utf8) {
        int start = pos;
        if (!scanDomain(utf8)) {
            return false;
        }
        host = new Domain(s.substring(start, pos));
        return true;
    }

    /** {@link #domain} without making the value (the {@link Domain} constructor checks with this). */
    boolean scanDomain(boolean utf8) {
        int start = pos;
        while (true) {
            int label = pos;
            boolean ascii = true;
            while (pos < to) {
                char c = s.charAt(pos);
                if (AddressLiteralSyntax.isLetDig(c) || c == '-') {
                    pos++;
                } else if (utf8 && c >= 0x80) {
                    int n = Utf8.nonAscii(s, pos, to);
                    if (n == 0) {
                        return fail(Fault.SYNTAX);
                    }
                    ascii = false;
                    pos += n;
                } else {
                    break;
                }
            }
            // RFC 5321 §4.1.2: "characters outside the set of alphabetic characters, digits, and
            // hyphen MUST NOT appear in domain name labels" (U-labels by RFC 6531 §3.3).
            if (ascii ? !PathSyntax.isLdhLabel(s, label, pos) : !PathSyntax.isULabel(s.substring(label, pos))) {
                return fail(Fault.SYNTAX);
            }
            if (!peek('.')) {
                break;
            }
            pos++;
        }
        // RFC 5321 §4.5.3.1.2: "The maximum total length of a domain name or number is 255 octets."
        if (pos - start > Limits.DOMAIN || Utf8.length(s, start, pos) > Limits.DOMAIN) {
            return fail(Fault.DOMAIN_TOO_LONG);
        }
        return true;
    }

    /** {@code Local-part} at s[i]: its end, or -1. */
    static int scanLocalPart(String s, int i, int to) {
        if (i < to && s.charAt(i) == '"') {
            return scanQuotedString(s, i, to);
        }
        // Dot-string = Atom *("." Atom)
        while (true) {
            int atom = i;
            while (i < to) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (!isAtext(c)) {
                        break;
                    }
                    i++;
                } else {
                    int n = Utf8.nonAscii(s, i, to);
                    if (n == 0) {
                        return -1;
                    }
                    i += n;
                }
            }
            if (i == atom) {
                return -1;
            }
            if (i < to && s.charAt(i) == '.') {
                i++;
            } else {
                return i;
            }
        }
    }

    /** {@code Quoted-string} at s[i] (which is DQUOTE): the index after the closing DQUOTE, or -1. */
    private static int scanQuotedString(String s, int i, int to) {
        for (i++; i < to; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                // quoted-pairSMTP = %d92 %d32-126
                if (++i >= to || s.charAt(i) < 32 || s.charAt(i) > 126) {
                    return -1;
                }
            } else if (c >= 0x80) {
                int n = Utf8.nonAscii(s, i, to);
                if (n == 0) {
                    return -1;
                }
                i += n - 1;
            } else if (c < 32 || c > 126) {
                // qtextSMTP = %d32-33 / %d35-91 / %d93-126 (34 and 92 handled above)
                return -1;
            }
        }
        return -1;
    }

    /** RFC 5322 §3.2.3 atext, ASCII part. */
    static boolean isAtext(char c) {
        if (AddressLiteralSyntax.isLetDig(c)) {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~' -> true;
            default -> false;
        };
    }
}
