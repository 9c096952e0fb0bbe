package smtp.queue.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import smtp.queue.Recipient;
import smtp.wire.Domain;
import smtp.wire.EnhancedStatus;
import smtp.wire.GeneralLiteral;
import smtp.wire.Host;
import smtp.wire.Ipv4Literal;
import smtp.wire.Ipv6Literal;
import smtp.wire.Mailbox;
import smtp.wire.Notify;
import smtp.wire.NullPath;
import smtp.wire.OriginalRecipient;
import smtp.wire.Path;
import smtp.wire.Reply;
import smtp.wire.ReversePath;
import smtp.wire.Xtext;

/**
 * How envelope values are written in spool files, and read back.
 *
 * <p>Paths are written in their SMTP wire form ({@code <local@domain>}, {@code <>}), a
 * recipient as in its RCPT command ({@code <bob@example.com> NOTIFY=SUCCESS ORCPT=rfc822;bob@example.com}),
 * free text (HELO name, AUTH identity, ENVID) as xtext (RFC 3461 §4). Reading back is
 * deliberately lenient and independent of the SMTP parsers: the spool holds only what this
 * program accepted and wrote, and a later, stricter parser must never make an accepted message
 * unreadable (RFC 5321 §6.1: it "MUST NOT lose the message").
 */
final class SpoolText {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private SpoolText() {
    }

    static String reversePath(ReversePath path) {
        return switch (path) {
            case NullPath n -> "<>";
            case Path p -> "<" + p.mailbox() + ">";
        };
    }

    static ReversePath parseReversePath(String text) throws CorruptFileException {
        if (text.equals("<>")) {
            return new NullPath();
        }
        if (!text.startsWith("<") || !text.endsWith(">")) {
            throw new CorruptFileException("reverse-path not in angle brackets: " + text);
        }
        return Path.of(parseMailbox(text.substring(1, text.length() - 1)));
    }

    /** {@code <mailbox>[ NOTIFY=...][ ORCPT=type;xtext]}. */
    static String recipient(Recipient r) {
        StringBuilder sb = new StringBuilder().append('<').append(r.mailbox()).append('>');
        if (!r.notifyOn().isEmpty()) {
            sb.append(" NOTIFY=").append(String.join(",", EnumSet.copyOf(r.notifyOn()).stream().map(Enum::name).toList()));
        }
        r.orcpt().ifPresent(o -> sb.append(" ORCPT=").append(o));
        return sb.toString();
    }

    static Recipient parseRecipient(String text) throws CorruptFileException {
        int end = pathEnd(text);
        Mailbox mailbox = parseMailbox(text.substring(1, end));
        Set<Notify> notify = EnumSet.noneOf(Notify.class);
        Optional<OriginalRecipient> orcpt = Optional.empty();
        String rest = text.substring(end + 1).strip();
        for (String param : rest.isEmpty() ? new String[0] : rest.split(" +")) {
            if (param.startsWith("NOTIFY=")) {
                for (String v : param.substring(7).split(",")) {
                    try {
                        notify.add(Notify.valueOf(v));
                    } catch (IllegalArgumentException e) {
                        throw new CorruptFileException("unknown NOTIFY value " + v);
                    }
                }
            } else if (param.startsWith("ORCPT=")) {
                String v = param.substring(6);
                int semi = v.indexOf(';');
                if (semi <= 0) {
                    throw new CorruptFileException("ORCPT without addr-type");
                }
                String addr = Xtext.decode(v.substring(semi + 1))
                        .orElseThrow(() -> new CorruptFileException("ORCPT is not xtext"));
                orcpt = Optional.of(new OriginalRecipient(v.substring(0, semi), addr));
            } else {
                throw new CorruptFileException("unknown recipient parameter " + param);
            }
        }
        try {
            return new Recipient(mailbox, notify, orcpt);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(e.getMessage());
        }
    }

    /** The index of the {@code >} that closes the path opening {@code text}, skipping quoted strings. */
    private static int pathEnd(String text) throws CorruptFileException {
        if (!text.startsWith("<")) {
            throw new CorruptFileException("recipient not in angle brackets");
        }
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        throw new CorruptFileException("unterminated path");
    }

    /** {@code local-part@host}: the host is after the last "@" (a domain or literal has none). */
    static Mailbox parseMailbox(String text) throws CorruptFileException {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new CorruptFileException("not a mailbox: " + text);
        }
        return new Mailbox(text.substring(0, at), parseHost(text.substring(at + 1)));
    }

    static Host parseHost(String text) throws CorruptFileException {
        if (!text.startsWith("[")) {
            if (text.indexOf(' ') >= 0 || text.indexOf('>') >= 0) {
                throw new CorruptFileException("not a domain: " + text);
            }
            return new Domain(text);
        }
        if (!text.endsWith("]") || text.length() < 3) {
            throw new CorruptFileException("unterminated address literal: " + text);
        }
        String inner = text.substring(1, text.length() - 1);
        try {
            if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
                String v6 = inner.substring(5);
                if (!IPV6_CHARS.matcher(v6).matches() || v6.indexOf(':') < 0) {
                    throw new CorruptFileException("bad IPv6 literal " + text);
                }
                // A string with ':' is parsed as a literal, never looked up in DNS.
                if (InetAddress.getByName(v6) instanceof Inet6Address a) {
                    return new Ipv6Literal(a, v6);
                }
                throw new CorruptFileException("bad IPv6 literal " + text);
            }
            if (IPV4.matcher(inner).matches()) {
                if (InetAddress.getByName(inner) instanceof Inet4Address a) {
                    return new Ipv4Literal(a);
                }
            }
        } catch (UnknownHostException e) {
            throw new CorruptFileException("bad address literal " + text);
        }
        int colon = inner.indexOf(':');
        if (colon <= 0) {
            throw new CorruptFileException("bad address literal " + text);
        }
        return new GeneralLiteral(inner.substring(0, colon), inner.substring(colon + 1));
    }

    /** A reply on one line: {@code code [status] text} (multi-line replies joined by spaces). */
    static String reply(Reply reply) {
        return reply.code() + reply.status().map(s -> " " + s).orElse("") + " " + reply.text();
    }

    static Reply parseReply(String text) throws CorruptFileException {
        if (text.length() < 4 || text.charAt(3) != ' ') {
            throw new CorruptFileException("not a reply: " + text);
        }
        try {
            int code = Integer.parseInt(text.substring(0, 3));
            String rest = text.substring(4);
            int sp = rest.indexOf(' ');
            String first = sp < 0 ? rest : rest.substring(0, sp);
            Optional<EnhancedStatus> status = parseStatus(first).filter(s -> s.statusClass() == code / 100);
            String body = status.isPresent() ? (sp < 0 ? "" : rest.substring(sp + 1)) : rest;
            return new Reply(code, status, List.of(body));
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException("not a reply: " + text);
        }
    }

    /** {@code class.subject.detail}, read here rather than by the wire parser (see the class comment). */
    static Optional<EnhancedStatus> parseStatus(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            int[] n = new int[3];
            for (int i = 0; i < 3; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return Optional.empty();
                }
                n[i] = Integer.parseInt(parts[i]);
            }
            return Optional.of(EnhancedStatus.of(n[0], n[1], n[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String xtext(String text) {
        return Xtext.encode(text);
    }

    static String unxtext(String name, String xtext) throws CorruptFileException {
        return Xtext.decode(xtext).orElseThrow(() -> new CorruptFileException(name + " is not xtext"));
    }
}
