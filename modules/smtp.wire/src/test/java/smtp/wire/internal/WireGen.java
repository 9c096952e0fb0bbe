package smtp.wire.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import smtp.wire.AddressLiteral;
import smtp.wire.Auth;
import smtp.wire.Bdat;
import smtp.wire.BodyType;
import smtp.wire.Command;
import smtp.wire.Data;
import smtp.wire.Domain;
import smtp.wire.Ehlo;
import smtp.wire.EnhancedStatus;
import smtp.wire.EsmtpParameter;
import smtp.wire.Expn;
import smtp.wire.ForwardPath;
import smtp.wire.GeneralLiteral;
import smtp.wire.Helo;
import smtp.wire.Help;
import smtp.wire.Host;
import smtp.wire.Ipv4Literal;
import smtp.wire.Ipv6Literal;
import smtp.wire.Mail;
import smtp.wire.MailParameters;
import smtp.wire.Mailbox;
import smtp.wire.Noop;
import smtp.wire.Notify;
import smtp.wire.NullPath;
import smtp.wire.OriginalRecipient;
import smtp.wire.Path;
import smtp.wire.Postmaster;
import smtp.wire.Quit;
import smtp.wire.Rcpt;
import smtp.wire.RcptParameters;
import smtp.wire.Reply;
import smtp.wire.Ret;
import smtp.wire.ReversePath;
import smtp.wire.Rset;
import smtp.wire.StartTls;
import smtp.wire.Unknown;
import smtp.wire.Vrfy;

/**
 * QuickTheories generators of valid wire values (every value they make is one that the grammar
 * allows and the limits accept), for the format-then-parse laws.
 */
final class WireGen {

    private WireGen() {
    }

    static final String ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";
    static final String LETDIG = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final List<String> NON_ASCII = List.of("é", "ö", "ß", "中", "文", "😀", "ж", "\u00a0");
    static final List<String> U_LABELS = List.of("bücher", "münchen", "例え", "пример", "ελληνικά", "日本語", "xn--bcher-kva");
    static final List<String> VERBS = List.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET", "VRFY", "EXPN", "HELP", "NOOP",
            "QUIT", "STARTTLS", "AUTH", "BDAT");

    static int n(RandomnessSource r, int lo, int hi) {
        return (int) r.next(Constraint.between(lo, hi));
    }

    static long nl(RandomnessSource r, long lo, long hi) {
        return r.next(Constraint.between(lo, hi));
    }

    static boolean chance(RandomnessSource r, int percent) {
        return n(r, 1, 100) <= percent;
    }

    static <T> T pick(RandomnessSource r, List<T> xs) {
        return xs.get(n(r, 0, xs.size() - 1));
    }

    static char pick(RandomnessSource r, String chars) {
        return chars.charAt(n(r, 0, chars.length() - 1));
    }

    static String chars(RandomnessSource r, String alphabet, int min, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = n(r, min, max); i > 0; i--) {
            sb.append(pick(r, alphabet));
        }
        return sb.toString();
    }

    /** Printable ASCII (and, with {@code utf8}, a few non-ASCII characters), no control characters. */
    static String text(RandomnessSource r, int min, int max, boolean utf8) {
        StringBuilder sb = new StringBuilder();
        for (int i = n(r, min, max); i > 0; i--) {
            if (utf8 && chance(r, 10)) {
                sb.append(pick(r, NON_ASCII));
            } else {
                sb.append((char) n(r, 32, 126));
            }
        }
        return sb.toString();
    }

    static String atom(RandomnessSource r, boolean utf8) {
        StringBuilder sb = new StringBuilder();
        for (int i = n(r, 1, 6); i > 0; i--) {
            sb.append(utf8 && chance(r, 10) ? pick(r, NON_ASCII) : String.valueOf(pick(r, ATEXT)));
        }
        return sb.toString();
    }

    static String localPart(RandomnessSource r, boolean utf8) {
        String lp;
        if (chance(r, 75)) {
            StringBuilder sb = new StringBuilder(atom(r, utf8));
            for (int i = n(r, 0, 2); i > 0; i--) {
                sb.append('.').append(atom(r, utf8));
            }
            lp = sb.toString();
        } else {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = n(r, 0, 10); i > 0; i--) {
                int k = n(r, 0, 9);
                if (k == 0) {
                    sb.append('\\').append((char) n(r, 32, 126)); // quoted-pairSMTP
                } else if (k == 1 && utf8) {
                    sb.append(pick(r, NON_ASCII));
                } else {
                    char c = (char) n(r, 32, 126);
                    sb.append(c == '"' || c == '\\' ? 'q' : c); // qtextSMTP
                }
            }
            lp = sb.append('"').toString();
        }
        return Utf8.length(lp) <= 64 ? lp : "x";
    }

    static String ldhLabel(RandomnessSource r) {
        if (chance(r, 30)) {
            return String.valueOf(pick(r, LETDIG));
        }
        return pick(r, LETDIG) + chars(r, LETDIG + "--", 0, 8) + pick(r, LETDIG);
    }

    static Domain domain(RandomnessSource r, boolean utf8) {
        StringBuilder sb = new StringBuilder();
        for (int i = n(r, 1, 4); i > 0; i--) {
            sb.append(utf8 && chance(r, 10) ? pick(r, U_LABELS) : ldhLabel(r));
            if (i > 1) {
                sb.append('.');
            }
        }
        return new Domain(sb.toString());
    }

    static Ipv4Literal ipv4(RandomnessSource r) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) n(r, 0, 255);
        }
        try {
            return new Ipv4Literal((Inet4Address) InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(RandomnessSource r, int group) {
        String h = Integer.toHexString(group);
        if (chance(r, 20)) {
            h = "0".repeat(4 - h.length()) + h; // leading zeros are allowed (1*4HEXDIG)
        }
        return chance(r, 30) ? h.toUpperCase() : h;
    }

    private static String join(RandomnessSource r, int[] g, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i > from ? ":" : "").append(hex(r, g[i]));
        }
        return sb.toString();
    }

    /** One of the four IPv6-addr forms of RFC 5321 §4.1.3, with the octets it denotes. */
    static Ipv6Literal ipv6(RandomnessSource r) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = chance(r, 30) ? 0 : n(r, 0, 0xffff);
        }
        int form = n(r, 0, 3);
        boolean v4 = form >= 2;
        int groups = v4 ? 6 : 8;
        String text;
        if (form == 0 || form == 2) {
            text = join(r, g, 0, groups);
        } else {
            int max = v4 ? 4 : 6; // groups allowed besides "::"
            int left = n(r, 0, max);
            int right = n(r, 0, max - left);
            for (int i = left; i < groups - right; i++) {
                g[i] = 0;
            }
            text = join(r, g, 0, left) + "::" + join(r, g, groups - right, groups);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < groups; i++) {
            b[2 * i] = (byte) (g[i] >> 8);
            b[2 * i + 1] = (byte) g[i];
        }
        if (v4) {
            StringBuilder sb = new StringBuilder();
            for (int i = 12; i < 16; i++) {
                b[i] = (byte) n(r, 0, 255);
                sb.append(i > 12 ? "." : "").append(b[i] & 0xff);
            }
            text = text.endsWith("::") ? text + sb : text + ":" + sb;
        }
        try {
            return new Ipv6Literal(Inet6Address.getByAddress(null, b, -1), text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static GeneralLiteral general(RandomnessSource r) {
        String tag = "X-" + ldhLabel(r);
        StringBuilder content = new StringBuilder();
        for (int i = n(r, 1, 12); i > 0; i--) {
            char c = (char) n(r, 33, 126);
            content.append(c == '[' || c == '\\' || c == ']' ? ':' : c);
        }
        return new GeneralLiteral(tag, content.toString());
    }

    static AddressLiteral literal(RandomnessSource r) {
        return switch (n(r, 0, 2)) {
            case 0 -> ipv4(r);
            case 1 -> ipv6(r);
            default -> general(r);
        };
    }

    static Host host(RandomnessSource r, boolean utf8) {
        return chance(r, 70) ? domain(r, utf8) : literal(r);
    }

    static Mailbox mailbox(RandomnessSource r, boolean utf8) {
        return new Mailbox(localPart(r, utf8), host(r, utf8));
    }

    static Path path(RandomnessSource r, boolean utf8) {
        List<Domain> route = new ArrayList<>();
        if (chance(r, 15)) {
            for (int i = n(r, 1, 2); i > 0; i--) {
                route.add(domain(r, utf8));
            }
        }
        Path p = new Path(route, mailbox(r, utf8));
        return Utf8.length(p.toString()) <= 256 ? p : Path.of(new Mailbox("a", new Domain("example.org")));
    }

    static ReversePath reversePath(RandomnessSource r, boolean utf8) {
        return chance(r, 15) ? new NullPath() : path(r, utf8);
    }

    static ForwardPath forwardPath(RandomnessSource r, boolean utf8) {
        return chance(r, 10) ? new Postmaster() : path(r, utf8);
    }

    static String xtextable(RandomnessSource r) {
        return text(r, 1, 12, true);
    }

    static List<EsmtpParameter> others(RandomnessSource r) {
        List<EsmtpParameter> out = new ArrayList<>();
        for (int i = n(r, 0, 2); i > 0; i--) {
            String keyword = "X" + chars(r, LETDIG + "-", 0, 6);
            Optional<String> value = Optional.empty();
            if (chance(r, 70)) {
                StringBuilder v = new StringBuilder();
                for (int k = n(r, 1, 10); k > 0; k--) {
                    char c = (char) n(r, 33, 126);
                    v.append(c == '=' ? '-' : c);
                }
                value = Optional.of(v.toString());
            }
            out.add(new EsmtpParameter(keyword, value));
        }
        return out;
    }

    static MailParameters mailParameters(RandomnessSource r, boolean smtpUtf8) {
        return new MailParameters(
                chance(r, 40) ? OptionalLong.of(chance(r, 50) ? nl(r, 0, 100_000_000) : nl(r, 0, Long.MAX_VALUE)) : OptionalLong.empty(),
                chance(r, 30) ? Optional.of(pick(r, List.of(BodyType.values()))) : Optional.empty(),
                smtpUtf8 || chance(r, 20),
                chance(r, 20) ? Optional.of(chance(r, 30) ? "<>" : xtextable(r)) : Optional.empty(),
                chance(r, 20) ? Optional.of(pick(r, List.of(Ret.values()))) : Optional.empty(),
                chance(r, 20) ? Optional.of(xtextable(r)) : Optional.empty(),
                others(r));
    }

    static RcptParameters rcptParameters(RandomnessSource r) {
        Set<Notify> notify = Set.of();
        if (chance(r, 30)) {
            if (chance(r, 25)) {
                notify = EnumSet.of(Notify.NEVER);
            } else {
                EnumSet<Notify> s = EnumSet.noneOf(Notify.class);
                for (Notify x : List.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY)) {
                    if (chance(r, 50)) {
                        s.add(x);
                    }
                }
                notify = s.isEmpty() ? EnumSet.of(Notify.FAILURE) : s;
            }
        }
        Optional<OriginalRecipient> orcpt = chance(r, 25)
                ? Optional.of(new OriginalRecipient(pick(r, List.of("rfc822", "utf-8", "x400")), xtextable(r)))
                : Optional.empty();
        return new RcptParameters(notify, orcpt, others(r));
    }

    static Command command(RandomnessSource r) {
        return switch (n(r, 0, 14)) {
            case 0 -> new Ehlo(chance(r, 70) ? domain(r, false) : literal(r));
            case 1 -> new Helo(domain(r, false));
            case 2, 3 -> {
                ReversePath p = reversePath(r, true);
                boolean utf8 = p instanceof Path path && !path.mailbox().isAscii();
                yield new Mail(p, mailParameters(r, utf8));
            }
            case 4, 5 -> new Rcpt(forwardPath(r, true), rcptParameters(r));
            case 6 -> new Data();
            case 7 -> new Rset();
            case 8 -> new Quit();
            case 9 -> new StartTls();
            case 10 -> chance(r, 50) ? new Vrfy(text(r, 1, 30, true)) : new Expn(text(r, 1, 30, true));
            case 11 -> chance(r, 50) ? new Help(chance(r, 50) ? Optional.of(text(r, 0, 20, true)) : Optional.empty())
                    : new Noop(chance(r, 50) ? Optional.of(text(r, 0, 20, true)) : Optional.empty());
            case 12 -> new Auth(chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 1, 20),
                    chance(r, 50) ? Optional.empty() : Optional.of(chance(r, 20) ? "=" : base64(r)));
            case 13 -> new Bdat(chance(r, 50) ? nl(r, 0, 1 << 20) : nl(r, 0, Long.MAX_VALUE), chance(r, 50));
            default -> {
                String verb = chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 0, 8);
                yield VERBS.contains(verb) ? new Unknown("X" + verb, "") : new Unknown(verb, text(r, 0, 30, true));
            }
        };
    }

    static String base64(RandomnessSource r) {
        byte[] b = new byte[n(r, 1, 60)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) n(r, 0, 255);
        }
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    static Reply reply(RandomnessSource r) {
        int code = n(r, 2, 5) * 100 + n(r, 0, 5) * 10 + n(r, 0, 9);
        int cls = code / 100;
        Optional<EnhancedStatus> status = cls != 3 && chance(r, 50)
                ? Optional.of(EnhancedStatus.of(cls, chance(r, 80) ? n(r, 0, 7) : n(r, 0, 999), chance(r, 80) ? n(r, 0, 9) : n(r, 0, 999)))
                : Optional.empty();
        List<String> lines = new ArrayList<>();
        for (int i = n(r, 1, 5); i > 0; i--) {
            String t = text(r, 0, 60, true).replace('\u00a0', '\t');
            if (status.isEmpty() && !t.isEmpty() && Character.isDigit(t.charAt(0))) {
                t = "x" + t; // a leading status-like token would be read as a status (RFC 2034 §3)
            }
            lines.add(t);
        }
        return new Reply(code, status, lines);
    }

    static final Gen<Command> COMMANDS = WireGen::command;
    static final Gen<Reply> REPLIES = WireGen::reply;
    static final Gen<ReversePath> REVERSE_PATHS = r -> reversePath(r, true);
    static final Gen<ForwardPath> FORWARD_PATHS = r -> forwardPath(r, true);
    static final Gen<Host> HOSTS = r -> host(r, true);
    static final Gen<Mailbox> MAILBOXES = r -> mailbox(r, true);
}
