package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.LineFramer;
import smtp.wire.LineFramer.Framed;

class LineFramingTest {

    /** Feeds everything in chunks of {@code chunk} octets and collects the framed lines. */
    static List<Framed> frame(LineFramer f, byte[] in, int chunk) {
        List<Framed> out = new ArrayList<>();
        for (int off = 0; off < in.length; off += chunk) {
            int end = Math.min(in.length, off + chunk);
            int pos = off;
            while (pos < end) {
                pos += f.feed(in, pos, end - pos);
                f.take().ifPresent(out::add);
            }
        }
        return out;
    }

    static Framed.Line line(Framed f) {
        return assertInstanceOf(Framed.Line.class, f);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Tag("5321-2.3.8-framing")
    void linesEndWithCrlfAndBareLfIsReported_rfc5321_2_3_8() {
        List<Framed> out = frame(new LineFramer(512), bytes("EHLO a\r\nNOOP\nQUIT\r\n"), 1000);
        assertEquals(3, out.size());
        assertArrayEquals(bytes("EHLO a"), line(out.get(0)).content());
        assertFalse(line(out.get(0)).bareLf());
        assertArrayEquals(bytes("NOOP"), line(out.get(1)).content());
        assertTrue(line(out.get(1)).bareLf());
        assertFalse(line(out.get(2)).bareLf());
    }

    @Test
    @Tag("5321-2.3.8-framing")
    void bareCrStaysInTheContent_rfc5321_2_3_8() {
        List<Framed> out = frame(new LineFramer(512), bytes("NOOP a\rb\r\r\n"), 3);
        assertArrayEquals(bytes("NOOP a\rb\r"), line(out.get(0)).content());
    }

    @Test
    @Tag("5321-4.5.3.1.4")
    void lineOverLimitIsDiscardedThroughItsLf_rfc5321_4_5_3_1_4() {
        String ok = "x".repeat(510) + "\r\n";
        String tooLong = "y".repeat(511) + "\r\n";
        LineFramer f = new LineFramer(512);
        List<Framed> out = frame(f, bytes(ok + tooLong + "QUIT\r\n"), 7);
        assertEquals(3, out.size());
        assertEquals(510, line(out.get(0)).content().length);
        assertEquals(new Framed.TooLong(513), out.get(1));
        assertArrayEquals(bytes("QUIT"), line(out.get(2)).content());
    }

    @Test
    @Tag("5321-4.5.3.1.4")
    void memoryStaysBoundedWhileDiscarding_rfc5321_4_5_3_1_4() {
        LineFramer f = new LineFramer(512);
        byte[] junk = new byte[1 << 16];
        java.util.Arrays.fill(junk, (byte) 'z');
        for (int i = 0; i < 64; i++) { // 4 MiB without a line end
            assertEquals(junk.length, f.feed(junk, 0, junk.length));
            assertTrue(f.take().isEmpty());
        }
        assertEquals(1, f.feed(new byte[] {'\n'}, 0, 1));
        assertEquals(new Framed.TooLong(64L * junk.length + 1), f.take().orElseThrow());
        assertEquals(0, f.pending());
    }

    @Test
    @Tag("4954-4-length")
    void limitCanBeRaisedForAuthLines_rfc4954_4() {
        LineFramer f = new LineFramer(512);
        f.maxOctets(12288);
        List<Framed> out = frame(f, bytes("A".repeat(12286) + "\r\n"), 1000);
        assertEquals(12286, line(out.get(0)).content().length);
        f.maxOctets(512);
        out = frame(f, bytes("A".repeat(600) + "\r\n"), 1000);
        assertInstanceOf(Framed.TooLong.class, out.get(0));
    }

    @Test
    void feedStopsAfterOneLineAndMustBeTaken() {
        LineFramer f = new LineFramer(512);
        byte[] in = bytes("A\r\nB\r\n");
        assertEquals(3, f.feed(in, 0, in.length));
        assertThrows(IllegalStateException.class, () -> f.feed(in, 3, 3));
        assertTrue(f.take().isPresent());
        assertTrue(f.take().isEmpty());
        assertEquals(2, f.feed(in, 3, 2));
        assertEquals(2, f.pending());
    }
}
