package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import smtp.wire.Command;
import smtp.wire.ForwardPath;
import smtp.wire.Host;
import smtp.wire.LineFramer;
import smtp.wire.LineFramer.Framed;
import smtp.wire.ParseResult;
import smtp.wire.Reply;
import smtp.wire.ReplyAssembler;
import smtp.wire.ReversePath;

/**
 * Coverage-guided fuzz targets, one per parser. In a normal test run (regression mode) they
 * replay the seed corpus under {@code src/test/resources/smtp/wire/internal/WireSyntaxFuzzInputs/};
 * with {@code JAZZER_FUZZ=1} they fuzz for {@code maxDuration}. The oracle is stronger than "does
 * not throw": whatever parses must format into text that parses back to the same value.
 */
class WireSyntaxFuzz {

    @FuzzTest(maxDuration = "60s")
    void commandLine(byte[] input) {
        ParseResult<Command> r = Command.parse(input);
        assertNotNull(r);
        if (r instanceof ParseResult.Ok<Command> ok) {
            assertEquals(r, Command.parse(ok.value().format()), ok.value()::format);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void path(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        if (ReversePath.parse(s) instanceof ParseResult.Ok<ReversePath> ok) {
            assertEquals(ok, ReversePath.parse(ok.value().toString()));
        }
        if (ForwardPath.parse(s) instanceof ParseResult.Ok<ForwardPath> ok) {
            assertEquals(ok, ForwardPath.parse(ok.value().toString()));
        }
        if (Host.parse(s) instanceof ParseResult.Ok<Host> ok) {
            assertEquals(ok, Host.parse(ok.value().toString()));
        }
    }

    @FuzzTest(maxDuration = "60s")
    void reply(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        ParseResult<Reply> r = Reply.parse(s);
        if (r instanceof ParseResult.Ok<Reply> ok) {
            assertEquals(r, Reply.parse(ok.value().format()), ok.value()::format);
        }
        ReplyAssembler a = new ReplyAssembler();
        for (String line : s.split("\r\n", -1)) {
            assertNotNull(a.accept(line));
        }
    }

    /** First octet: the limit (2..257); second: the chunk size (1..256); the rest is the stream. */
    @FuzzTest(maxDuration = "60s")
    void lineFraming(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int limit = 2 + (input[0] & 0xff);
        int chunk = 1 + (input[1] & 0xff);
        List<String> whole = frame(input, 2, input.length, limit);
        List<String> chunked = new ArrayList<>();
        LineFramer f = new LineFramer(limit);
        for (int off = 2; off < input.length; off += chunk) {
            int end = Math.min(input.length, off + chunk);
            int pos = off;
            while (pos < end) {
                pos += f.feed(input, pos, end - pos);
                f.take().ifPresent(x -> chunked.add(render(x)));
            }
        }
        assertEquals(whole, chunked);
    }

    private static List<String> frame(byte[] in, int from, int to, int limit) {
        LineFramer f = new LineFramer(limit);
        List<String> out = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            pos += f.feed(in, pos, to - pos);
            f.take().ifPresent(x -> out.add(render(x)));
        }
        return out;
    }

    private static String render(Framed f) {
        return switch (f) {
            case Framed.Line l -> (l.bareLf() ? "LF:" : "CRLF:") + new String(l.content(), StandardCharsets.ISO_8859_1);
            case Framed.TooLong t -> "TOO LONG:" + t.octets();
        };
    }
}
