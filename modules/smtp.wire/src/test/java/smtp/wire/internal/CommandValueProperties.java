package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import smtp.wire.AddressLiteral;
import smtp.wire.Auth;
import smtp.wire.BodyType;
import smtp.wire.Command;
import smtp.wire.Domain;
import smtp.wire.Ehlo;
import smtp.wire.EsmtpParameter;
import smtp.wire.Expn;
import smtp.wire.GeneralLiteral;
import smtp.wire.Helo;
import smtp.wire.Help;
import smtp.wire.Host;
import smtp.wire.Ipv6Literal;
import smtp.wire.Limits;
import smtp.wire.Mail;
import smtp.wire.MailParameters;
import smtp.wire.Mailbox;
import smtp.wire.Noop;
import smtp.wire.Notify;
import smtp.wire.OriginalRecipient;
import smtp.wire.ParseResult;
import smtp.wire.Path;
import smtp.wire.Postmaster;
import smtp.wire.Rcpt;
import smtp.wire.RcptParameters;
import smtp.wire.Replies;
import smtp.wire.Reply;
import smtp.wire.Ret;
import smtp.wire.ReversePath;
import smtp.wire.Unknown;
import smtp.wire.Vrfy;

/**
 * The law of the value records (RFC 5321 §4.1.1, §4.1.2): a command built from ARBITRARY
 * components (hostile text with CR, LF, NUL, spaces, brackets, "=", lone surrogates, injected
 * commands) either throws {@link IllegalArgumentException} while it is built, or formats into
 * exactly one line without any control character that parses back to the same value. The one
 * exception is a refusal the RFC prescribes for a well-formed value that breaks a limit or a
 * rule of the session: a line over 512 octets, a path over 256, a local-part over 64, a literal
 * over 255 (§4.5.3.1), a non-ASCII reverse-path without SMTPUTF8 (RFC 6531 §3.4), a U-label in
 * EHLO/HELO (§4.1.1.1 wants an ASCII domain there); the property checks that each such refusal
 * has exactly that cause.
 */
class CommandValueProperties {

    /** Pieces of hostile and valid text; components are built from 0 to 6 of them. */
    static final List<String> PIECES = List.of("a", "Z", "9", "-", "_", ".", "@", "<", ">", ":", ";", "=", "+", ",", " ", "\t",
            "\r", "\n", "\r\n", "\0", "\u007f", "[", "]", "\"", "\\", "é", "中", "😀", "\ud800", "\udc00", "example", "xn--bcher-kva",
            "bücher", " SIZE=1", "\r\nRCPT TO:<victim@example.com>", "IPv6:", "::1", "QUIT", "PLAIN", "dGVzdA==", "X-P", "/");

    static String hostile(RandomnessSource r) {
        StringBuilder sb = new StringBuilder();
        for (int i = WireGen.n(r, 0, 6); i > 0; i--) {
            sb.append(WireGen.pick(r, PIECES));
        }
        return sb.toString();
    }

    /** Half the time a valid value, else hostile text or the valid value with hostile text inside. */
    static String mutated(RandomnessSource r, String valid) {
        return switch (WireGen.n(r, 0, 3)) {
            case 0, 1 -> valid;
            case 2 -> hostile(r);
            default -> {
                int at = WireGen.n(r, 0, valid.length());
                yield valid.substring(0, at) + hostile(r) + valid.substring(at);
            }
        };
    }

    static Domain domain(RandomnessSource r) {
        return new Domain(mutated(r, WireGen.domain(r, true).name()));
    }

    static Host host(RandomnessSource r) {
        return switch (WireGen.n(r, 0, 3)) {
            case 0, 1 -> domain(r);
            case 2 -> {
                Ipv6Literal v6 = WireGen.ipv6(r);
                yield new Ipv6Literal(v6.address(), mutated(r, v6.text()));
            }
            default -> {
                GeneralLiteral g = WireGen.general(r);
                yield new GeneralLiteral(mutated(r, g.tag()), mutated(r, g.content()));
            }
        };
    }

    static Mailbox mailbox(RandomnessSource r) {
        return new Mailbox(mutated(r, WireGen.localPart(r, true)), host(r));
    }

    static Path path(RandomnessSource r) {
        List<Domain> route = new ArrayList<>();
        for (int i = WireGen.chance(r, 20) ? WireGen.n(r, 1, 2) : 0; i > 0; i--) {
            route.add(domain(r));
        }
        return new Path(route, mailbox(r));
    }

    static Optional<String> text(RandomnessSource r, String valid) {
        return WireGen.chance(r, 30) ? Optional.empty() : Optional.of(mutated(r, valid));
    }

    static List<EsmtpParameter> others(RandomnessSource r) {
        List<EsmtpParameter> out = new ArrayList<>();
        for (int i = WireGen.n(r, 0, 2); i > 0; i--) {
            out.add(new EsmtpParameter(mutated(r, "X-" + WireGen.ldhLabel(r)), text(r, "v" + WireGen.ldhLabel(r))));
        }
        return out;
    }

    static MailParameters mailParameters(RandomnessSource r, boolean smtpUtf8) {
        return new MailParameters(
                WireGen.chance(r, 30) ? OptionalLong.of(WireGen.nl(r, -5, Long.MAX_VALUE)) : OptionalLong.empty(),
                WireGen.chance(r, 30) ? Optional.of(WireGen.pick(r, List.of(BodyType.values()))) : Optional.empty(),
                smtpUtf8,
                text(r, "<>"),
                WireGen.chance(r, 30) ? Optional.of(WireGen.pick(r, List.of(Ret.values()))) : Optional.empty(),
                text(r, "QQ123"),
                others(r));
    }

    static RcptParameters rcptParameters(RandomnessSource r) {
        Set<Notify> notify = WireGen.chance(r, 30) ? EnumSet.of(WireGen.pick(r, List.of(Notify.values()))) : Set.of();
        Optional<OriginalRecipient> orcpt = WireGen.chance(r, 40)
                ? Optional.of(new OriginalRecipient(mutated(r, "rfc822"), mutated(r, "bob@example.org")))
                : Optional.empty();
        return new RcptParameters(notify, orcpt, others(r));
    }

    static Command command(RandomnessSource r) {
        return switch (WireGen.n(r, 0, 10)) {
            case 0 -> new Ehlo(host(r));
            case 1 -> new Helo(host(r));
            case 2, 3 -> {
                ReversePath p = WireGen.chance(r, 10) ? WireGen.reversePath(r, false) : path(r);
                yield new Mail(p, mailParameters(r, WireGen.chance(r, 50)));
            }
            case 4, 5 -> new Rcpt(WireGen.chance(r, 10) ? new Postmaster() : path(r), rcptParameters(r));
            case 6 -> WireGen.chance(r, 50) ? new Vrfy(mutated(r, "Smith")) : new Expn(mutated(r, "staff"));
            case 7 -> WireGen.chance(r, 50) ? new Noop(text(r, "ping")) : new Help(text(r, "MAIL"));
            case 8 -> new Auth(mutated(r, "SCRAM-SHA-256"), text(r, WireGen.base64(r)));
            default -> new Unknown(mutated(r, "XFOO"), mutated(r, "bar baz"));
        };
    }

    /** A command, or the exception its constructors threw. */
    record Built(Optional<Command> command, String failure) {
        @Override
        public String toString() {
            return command.map(c -> c.format().replace("\r", "\\r").replace("\n", "\\n")).orElse("refused: " + failure);
        }
    }

    static final Gen<Built> BUILT = r -> {
        try {
            return new Built(Optional.of(command(r)), "");
        } catch (IllegalArgumentException e) {
            return new Built(Optional.empty(), e.getMessage());
        }
    };

    @Test
    @Tag("5321-4.1.1-values")
    void arbitraryComponentsThrowOrFormatIntoOneLineThatParsesBack_rfc5321_4_1_1() {
        int[] counts = new int[3]; // refused, round trip, refused by the parser for a limit
        qt().withExamples(10_000).forAll(BUILT).checkAssert(built -> {
            if (built.command().isEmpty()) {
                counts[0]++;
                return;
            }
            Command c = built.command().get();
            String line = c.format();
            assertTrue(Utf8.isLineText(line), () -> "one line, no control character: " + built);
            ParseResult<Command> parsed = Command.parse(line);
            if (parsed instanceof ParseResult.Invalid<Command> bad) {
                Optional<String> cause = limitBroken(c, line);
                assertTrue(cause.isPresent(), () -> built + " was refused with " + bad.reply());
                assertEquals(expectedReply(cause.get(), c), bad.reply(), () -> built + ": " + cause.get());
                counts[2]++;
            } else {
                assertEquals(ParseResult.ok(c), parsed, built::toString);
                counts[1]++;
            }
        });
        // The generator reaches both sides of the law, not just the exception.
        assertTrue(counts[0] > 500 && counts[1] > 500, () -> counts[0] + " refused, " + counts[1] + " round trips");
    }

    /** The RFC limit or rule that a well-formed value breaks, if any, in the order the parser checks them. */
    static Optional<String> limitBroken(Command c, String line) {
        // RFC 5321 §4.5.3.1.4 (RFC 4954 §4 for AUTH): the line with its CRLF.
        if (Utf8.length(line) + 2 > (c instanceof Auth ? Limits.AUTH_LINE : Limits.COMMAND_LINE)) {
            return Optional.of("line");
        }
        Path path = null;
        switch (c) {
            case Mail m when m.reversePath() instanceof Path p -> path = p;
            case Rcpt rc when rc.forwardPath() instanceof Path p -> path = p;
            case Ehlo e -> {
                return hostBroken(e.host(), false);
            }
            case Helo h -> {
                return hostBroken(h.host(), false);
            }
            default -> {
            }
        }
        if (path != null) {
            // §4.5.3.1.3 first (the whole path), then §4.5.3.1.1 and §4.5.3.1.2 while parsing it.
            if (Utf8.length(path.toString()) > Limits.PATH) {
                return Optional.of("path");
            }
            if (Utf8.length(path.mailbox().localPart()) > Limits.LOCAL_PART) {
                return Optional.of("local-part");
            }
            Optional<String> host = hostBroken(path.mailbox().host(), true);
            if (host.isPresent()) {
                return host;
            }
        }
        if (c instanceof Mail m && m.reversePath() instanceof Path p && !p.mailbox().isAscii() && !m.parameters().smtpUtf8()) {
            return Optional.of("smtputf8");
        }
        return Optional.empty();
    }

    static Optional<String> hostBroken(Host h, boolean utf8) {
        if (h instanceof AddressLiteral && h.toString().length() > Limits.DOMAIN) {
            return Optional.of("literal");
        }
        if (!utf8 && h instanceof Domain d && !d.isAscii()) {
            return Optional.of("ascii-hello");
        }
        return Optional.empty();
    }

    static Reply expectedReply(String cause, Command c) {
        // RFC 3463 §3.2: X.1.7 for the reverse-path, X.1.3 for a forward-path; X.5.4 for EHLO/HELO.
        String status = c instanceof Mail ? "5.1.7" : c instanceof Rcpt ? "5.1.3" : "5.5.4";
        return switch (cause) {
            case "line" -> Replies.LINE_TOO_LONG;
            case "local-part" -> Reply.of(501, status, "Local-part too long");
            case "literal" -> Reply.of(501, status, "Domain too long");
            case "path" -> c instanceof Rcpt ? Replies.PATH_TOO_LONG : Reply.of(501, status, "Path too long");
            case "smtputf8" -> Replies.NON_ASCII_SENDER;
            case "ascii-hello" -> Reply.of(501, status, "Invalid domain name or address literal");
            default -> throw new AssertionError(cause);
        };
    }
}
