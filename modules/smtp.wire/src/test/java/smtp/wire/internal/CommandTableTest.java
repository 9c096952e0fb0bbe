package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import smtp.wire.Command;
import smtp.wire.LineFramer;
import smtp.wire.LineFramer.Framed;
import smtp.wire.ParseResult;
import smtp.wire.Reply;

/** The vector tables {@code rfc5321/commands.txt} and {@code rfc5321/replies.txt}. */
class CommandTableTest {

    static List<Arguments> commands() {
        return VectorFile.rows("/rfc5321/commands.txt");
    }

    static List<Arguments> replies() {
        return VectorFile.rows("/rfc5321/replies.txt");
    }

    @ParameterizedTest(name = "commands.txt:{0} {2}")
    @MethodSource("commands")
    @Tag("5321-4.1.1-syntax")
    void commandVectors_rfc5321_4_1_1(int lineNo, byte[] line, String expect) {
        ParseResult<Command> r = Command.parse(line);
        String where = "commands.txt:" + lineNo + " " + new String(line, StandardCharsets.UTF_8);
        if (expect.startsWith("=")) {
            Command c = assertInstanceOf(ParseResult.Ok.class, r, () -> where + " -> " + r).value() instanceof Command cmd ? cmd : null;
            String canonical = expect.equals("=") ? new String(line, StandardCharsets.UTF_8) : expect.substring(2);
            assertEquals(canonical, c.format(), where);
            assertEquals(r, Command.parse(c.format()), where);
        } else {
            Reply reply = assertInstanceOf(ParseResult.Invalid.class, r, () -> where + " -> " + r).reply();
            assertEquals(expect, reply.code() + " " + reply.status().map(Object::toString).orElse("-"), where);
        }
    }

    /**
     * Style guide mutations: split the framed line at every octet, strip its terminator, end it
     * with a bare LF. The framer must give the same content each time (and none without LF).
     */
    @ParameterizedTest(name = "commands.txt:{0} framed")
    @MethodSource("commands")
    @Tag("5321-2.3.8-framing")
    void everyVectorFramesTheSameWhereverItIsSplit_rfc5321_2_3_8(int lineNo, byte[] line, String expect) {
        if (indexOf(line, (byte) '\n') >= 0) {
            return; // vectors with an LF inside test the parser, not the framer
        }
        byte[] crlf = Arrays.copyOf(line, line.length + 2);
        crlf[line.length] = '\r';
        crlf[line.length + 1] = '\n';
        for (int split = 0; split <= crlf.length; split++) {
            LineFramer f = new LineFramer(512);
            Framed got = null;
            int pos = 0;
            for (int[] part : new int[][] {{0, split}, {split, crlf.length}}) {
                pos = part[0];
                while (pos < part[1]) {
                    pos += f.feed(crlf, pos, part[1] - pos);
                    Framed x = f.take().orElse(null);
                    if (x != null) {
                        got = x;
                    }
                }
            }
            Framed.Line l = assertInstanceOf(Framed.Line.class, got, "line " + lineNo + " split at " + split);
            assertArrayEquals(line, l.content());
            assertFalse(l.bareLf());
        }
        LineFramer f = new LineFramer(512);
        assertEquals(line.length, f.feed(line, 0, line.length));
        assertTrue(f.take().isEmpty(), "no line without its terminator");
        assertEquals(line.length, f.pending());
        byte[] lf = Arrays.copyOf(line, line.length + 1);
        lf[line.length] = '\n';
        f = new LineFramer(512);
        f.feed(lf, 0, lf.length);
        Framed.Line l = assertInstanceOf(Framed.Line.class, f.take().orElseThrow());
        assertArrayEquals(line, l.content());
        assertTrue(l.bareLf());
    }

    @ParameterizedTest(name = "replies.txt:{0} {2}")
    @MethodSource("replies")
    @Tag("5321-4.2b")
    void replyVectors_rfc5321_4_2(int lineNo, byte[] wire, String expect) {
        ParseResult<Reply> r = Reply.parse(new String(wire, StandardCharsets.UTF_8));
        String where = "replies.txt:" + lineNo;
        if (expect.equals("INVALID")) {
            assertEquals(421, assertInstanceOf(ParseResult.Invalid.class, r, where).reply().code());
            return;
        }
        Reply reply = assertInstanceOf(ParseResult.Ok.class, r, () -> where + " -> " + r).value() instanceof Reply x ? x : null;
        String got = reply.code() + " " + reply.status().map(Object::toString).orElse("-") + " |"
                + reply.lines().stream().map(s -> s.isEmpty() ? "" : " " + s).collect(Collectors.joining(" |"));
        assertEquals(expect, got, where);
        assertEquals(r, Reply.parse(reply.format()), where);
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
