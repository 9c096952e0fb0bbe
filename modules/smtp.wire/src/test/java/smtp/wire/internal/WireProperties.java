package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import smtp.wire.Command;
import smtp.wire.Domain;
import smtp.wire.ForwardPath;
import smtp.wire.Host;
import smtp.wire.Mailbox;
import smtp.wire.ParseResult;
import smtp.wire.Reply;
import smtp.wire.ReplyAssembler;
import smtp.wire.ReversePath;

/**
 * The laws of the wire syntax: formatting then parsing gives the value back, and no input,
 * however malformed, makes a parser throw (only {@link ParseResult.Ok} or {@link ParseResult.Invalid}).
 */
class WireProperties {

    /** Octet strings biased towards the characters that matter to SMTP syntax. */
    static final Gen<byte[]> BYTES = lists().of(arbitrary().pick(List.of(
                    (byte) '<', (byte) '>', (byte) '@', (byte) ':', (byte) ' ', (byte) '"', (byte) '\\', (byte) '.',
                    (byte) '[', (byte) ']', (byte) '=', (byte) '\r', (byte) '\n', (byte) 0, (byte) 0xc3, (byte) 0xa9,
                    (byte) 0xff, (byte) 'a', (byte) 'Z', (byte) '5', (byte) '-', (byte) '+'))
                    .mix(integers().between(0, 255).map(Integer::byteValue), 40))
            .ofSizeBetween(0, 80)
            .map(l -> {
                byte[] b = new byte[l.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = l.get(i);
                }
                return b;
            });

    static final List<String> PREFIXES = List.of("", "MAIL FROM:", "RCPT TO:", "EHLO ", "AUTH PLAIN ", "BDAT ", "MAIL FROM:<a@b> ",
            "RCPT TO:<a@b> NOTIFY=", "250-", "250 ", "<", "<a@[IPv6:");

    @Test
    @Tag("5321-4.1.1-syntax")
    void parseOfFormatIsIdentityForCommands_rfc5321_4_1_1() {
        qt().withExamples(3000).forAll(WireGen.COMMANDS.assuming(c -> c.toBytes().length <= 512))
                .checkAssert(c -> assertEquals(ParseResult.ok(c), Command.parse(c.format()), c::format));
    }

    @Test
    @Tag("5321-4.1.2a")
    void parseOfFormatIsIdentityForPaths_rfc5321_4_1_2() {
        qt().withExamples(3000).forAll(WireGen.REVERSE_PATHS)
                .checkAssert(p -> assertEquals(ParseResult.ok(p), ReversePath.parse(p.toString()), p::toString));
        qt().withExamples(3000).forAll(WireGen.FORWARD_PATHS)
                .checkAssert(p -> assertEquals(ParseResult.ok(p), ForwardPath.parse(p.toString()), p::toString));
        qt().withExamples(2000).forAll(WireGen.MAILBOXES)
                .checkAssert(m -> assertEquals(ParseResult.ok(m), Mailbox.parse(m.toString()), m::toString));
    }

    @Test
    @Tag("5321-4.1.3b")
    void parseOfFormatIsIdentityForHosts_rfc5321_4_1_3() {
        qt().withExamples(3000).forAll(WireGen.HOSTS)
                .checkAssert(h -> assertEquals(ParseResult.ok(h), Host.parse(h.toString()), h::toString));
    }

    @Test
    @Tag("5321-4.2b")
    void parseOfFormatIsIdentityForReplies_rfc5321_4_2() {
        qt().withExamples(3000).forAll(WireGen.REPLIES)
                .checkAssert(r -> assertEquals(ParseResult.ok(r), Reply.parse(r.format()), r::format));
    }

    @Test
    @Tag("5321-4.2b")
    void assemblerGivesTheSameReplyAsParse_rfc5321_4_2_1() {
        qt().withExamples(1000).forAll(WireGen.REPLIES).checkAssert(r -> {
            ReplyAssembler a = new ReplyAssembler();
            String[] lines = r.format().split("\r\n");
            for (int i = 0; i < lines.length - 1; i++) {
                assertEquals(java.util.Optional.empty(), a.accept(lines[i]));
            }
            assertEquals(ParseResult.ok(r), a.accept(lines[lines.length - 1]).orElseThrow());
        });
    }

    @Test
    @Tag("5321-4.1.1-octets")
    void arbitraryOctetsNeverMakeTheCommandParserThrow_rfc5321_4_1_1() {
        qt().withExamples(5000).forAll(arbitrary().pick(PREFIXES), BYTES).checkAssert((prefix, tail) -> {
            byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            byte[] line = new byte[p.length + tail.length];
            System.arraycopy(p, 0, line, 0, p.length);
            System.arraycopy(tail, 0, line, p.length, tail.length);
            assertNotNull(Command.parse(line));
        });
    }

    @Test
    @Tag("5321-4.1.2a")
    void arbitraryTextNeverMakesThePathParsersThrow_rfc5321_4_1_2() {
        qt().withExamples(5000).forAll(arbitrary().pick(PREFIXES), BYTES).checkAssert((prefix, tail) -> {
            String s = prefix + new String(tail, StandardCharsets.UTF_8);
            assertNotNull(ReversePath.parse(s));
            assertNotNull(ForwardPath.parse(s));
            assertNotNull(Mailbox.parse(s));
            assertNotNull(Host.parse(s));
            assertNotNull(Domain.parse(s));
            assertNotNull(ReversePath.parse("<" + s + ">"));
        });
        // lone surrogates and every other UTF-16 oddity
        qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> {
            assertNotNull(ForwardPath.parse("<" + s + ">"));
            assertNotNull(Host.parse(s));
            assertNotNull(Reply.parse(s));
        });
    }

    @Test
    @Tag("5321-4.2a")
    void arbitraryTextNeverMakesTheReplyParserThrow_rfc5321_4_2() {
        qt().withExamples(5000).forAll(arbitrary().pick(PREFIXES), BYTES).checkAssert((prefix, tail) -> {
            String s = prefix + new String(tail, StandardCharsets.ISO_8859_1);
            assertNotNull(Reply.parse(s));
            ReplyAssembler a = new ReplyAssembler();
            for (String line : s.split("\n")) {
                assertNotNull(a.accept(line));
            }
        });
    }
}
