package smtp.wire.internal;

import java.net.IDN;
import smtp.wire.Domain;
import smtp.wire.ForwardPath;
import smtp.wire.Host;
import smtp.wire.Limits;
import smtp.wire.Mailbox;
import smtp.wire.NullPath;
import smtp.wire.ParseResult;
import smtp.wire.Path;
import smtp.wire.Postmaster;
import smtp.wire.Replies;
import smtp.wire.Reply;
import smtp.wire.ReversePath;

/**
 * Parses envelope paths, mailboxes, domains and hosts.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.2 (quoted on {@link Path}, {@link Mailbox} and {@link Domain}), §4.1.3 (address
 * literals, see {@link AddressLiteralSyntax}), §4.5.3.1.1–§4.5.3.1.3 (64, 255 and 256 octets);
 * RFC 6531 §3.3, which extends the grammar with UTF-8:
 * <pre>
 * sub-domain   =/  U-label
 * atext        =/  UTF8-non-ascii
 * qtextSMTP    =/  UTF8-non-ascii
 * </pre>
 * A U-label is checked by converting it to its A-label and back (IDNA via {@link IDN}): the
 * label must survive the round trip unchanged, so upper case or unnormalised labels are refused.
 * Source routes ({@code <@a,@b:user@c>}) are accepted and kept, never used (§4.1.2 "MUST BE
 * accepted, SHOULD NOT be generated, and SHOULD be ignored"; Appendix C).
 *
 * <h2>Diagnostics</h2>
 * RFC 5321 §4.1.4: "If the transaction beginning command argument is not acceptable, a 501 failure
 * reply MUST be returned", and §4.1.2: a command with invalid characters in a domain "MUST" get
 * 501. So every fault here is a 501; the enhanced code follows RFC 3463 §3.2: X.1.7 "Bad sender's
 * mailbox address syntax" for a reverse-path, X.1.3 "Bad destination mailbox address syntax" for a
 * forward-path or mailbox, X.5.4 for a bare domain (EHLO). Over-long parts use the "501 Path too
 * long" of §4.5.3.1.9. 553 ("mailbox name not allowed") is left to policy: a syntactically
 * valid mailbox that this server will not accept, e.g. a non-ASCII one without SMTPUTF8.
 */
public final class PathSyntax {

    private PathSyntax() {
    }

    /** Where a path or a part of it is used; decides the enhanced status code of a fault. */
    enum Role {
        SENDER("5.1.7"), RECIPIENT("5.1.3"), HOST("5.5.4");

        final String status;

        Role(String status) {
            this.status = status;
        }
    }

    public static ParseResult<Host> parseHost(String text) {
        return parseHost(text, true);
    }

    /** {@code Domain / address-literal}; {@code utf8} allows U-labels (RFC 6531 §3.3). */
    public static ParseResult<Host> parseHost(String text, boolean utf8) {
        PathParser p = new PathParser(text, 0, text.length());
        if (p.host(utf8) && p.atEnd()) {
            return ParseResult.ok(p.host);
        }
        return ParseResult.invalid(reply(p.fault, Role.HOST));
    }

    public static ParseResult<Domain> parseDomain(String text) {
        PathParser p = new PathParser(text, 0, text.length());
        if (p.domain(true) && p.atEnd()) {
            return ParseResult.ok((Domain) p.host);
        }
        return ParseResult.invalid(reply(p.fault, Role.HOST));
    }

    public static ParseResult<Mailbox> parseMailbox(String text) {
        PathParser p = new PathParser(text, 0, text.length());
        if (p.mailbox() && p.atEnd()) {
            return ParseResult.ok(p.mailbox);
        }
        return ParseResult.invalid(reply(p.fault, Role.RECIPIENT));
    }

    /** {@code Reverse-path = Path / "<>"}, RFC 5321 §4.1.2. */
    public static ParseResult<ReversePath> parseReversePath(String text) {
        if (text.equals("<>")) {
            return ParseResult.ok(new NullPath());
        }
        return path(text, Role.SENDER).map(p -> p);
    }

    /**
     * {@code ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path )}, RFC 5321 §4.1.1.3.
     * "Postmaster" is matched case-insensitively (§2.4: "the local-part postmaster MUST be
     * treated as case-insensitive").
     */
    public static ParseResult<ForwardPath> parseForwardPath(String text) {
        if (text.equalsIgnoreCase("<Postmaster>")) {
            return ParseResult.ok(new Postmaster());
        }
        return path(text, Role.RECIPIENT).map(p -> p);
    }

    private static ParseResult<Path> path(String text, Role role) {
        // RFC 5321 §4.5.3.1.3: a reverse-path or forward-path is at most 256 octets,
        // "including the punctuation and element separators".
        if (text.length() > Limits.PATH || Utf8.length(text) > Limits.PATH) {
            return ParseResult.invalid(reply(PathParser.Fault.PATH_TOO_LONG, role));
        }
        PathParser p = new PathParser(text, 0, text.length());
        if (p.path() && p.atEnd()) {
            return ParseResult.ok(new Path(p.route, p.mailbox));
        }
        return ParseResult.invalid(reply(p.fault, role));
    }

    static Reply reply(PathParser.Fault fault, Role role) {
        return switch (fault) {
            case SYNTAX -> switch (role) {
                case SENDER -> Replies.BAD_SENDER_PATH;
                case RECIPIENT -> Replies.BAD_PATH;
                case HOST -> Reply.of(501, role.status, "Invalid domain name or address literal");
            };
            // RFC 5321 §4.5.3.1.9: "501 Path too long"
            case PATH_TOO_LONG -> role == Role.RECIPIENT ? Replies.PATH_TOO_LONG : Reply.of(501, role.status, "Path too long");
            case LOCAL_PART_TOO_LONG -> Reply.of(501, role.status, "Local-part too long");
            case DOMAIN_TOO_LONG -> Reply.of(501, role.status, "Domain too long");
        };
    }

    /**
     * Finds the end of a path that starts at s[from] with "&lt;": the index after its "&gt;",
     * or -1. A "&gt;" inside a Quoted-string or an address literal (dcontent allows "&gt;" and
     * DQUOTE) does not end the path.
     */
    static int pathEnd(String s, int from) {
        if (from >= s.length() || s.charAt(from) != '<') {
            return -1;
        }
        boolean quoted = false;
        boolean literal = false;
        for (int i = from + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (literal) {
                literal = c != ']';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                literal = true;
            } else if (c == '>') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * True when {@code name} is a Domain of RFC 5321 §4.1.2 (LDH labels) or RFC 6531 §3.3
     * (U-labels), at most 255 octets (§4.5.3.1.2): exactly what {@link #parseDomain} accepts.
     */
    public static boolean isDomain(String name) {
        PathParser p = new PathParser(name, 0, name.length());
        return p.scanDomain(true) && p.atEnd();
    }

    /** True when {@code localPart} is a Dot-string or Quoted-string (length not checked). */
    public static boolean isLocalPart(String localPart) {
        return PathParser.scanLocalPart(localPart, 0, localPart.length()) == localPart.length();
    }

    /**
     * The local part with a Quoted-string's quotes and quoted-pairs removed (RFC 5321 §4.1.2:
     * "all quoted forms MUST be treated as equivalent"). A Dot-string is returned unchanged.
     */
    public static String unquote(String localPart) {
        if (localPart.length() < 2 || localPart.charAt(0) != '"' || localPart.charAt(localPart.length() - 1) != '"') {
            return localPart;
        }
        StringBuilder sb = new StringBuilder(localPart.length());
        for (int i = 1; i < localPart.length() - 1; i++) {
            char c = localPart.charAt(i);
            if (c == '\\' && i + 1 < localPart.length() - 1) {
                c = localPart.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** {@code sub-domain = Let-dig [Ldh-str]} of ASCII characters. */
    static boolean isLdhLabel(String s, int from, int to) {
        return to > from && s.charAt(from) != '-' && s.charAt(to - 1) != '-';
    }

    /**
     * An RFC 6531 U-label: converts to an A-label ("xn--", at most 63 octets, LDH per
     * RFC 1123/STD3) and back to exactly the same text.
     */
    static boolean isULabel(String label) {
        try {
            String ace = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES);
            return ace.length() <= 63 && ace.regionMatches(true, 0, "xn--", 0, 4)
                    && IDN.toUnicode(ace, IDN.USE_STD3_ASCII_RULES).equals(label);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
