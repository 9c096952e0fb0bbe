package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.LineFramer;
import smtp.wire.LineFramer.Framed;

/** Laws of the line framer: chunking does not matter, memory is bounded, nothing throws. */
class LineFramingProperties {

    /** A comparable rendering of framed lines (records with arrays compare by identity). */
    static List<String> render(List<Framed> framed) {
        List<String> out = new ArrayList<>();
        for (Framed f : framed) {
            out.add(switch (f) {
                case Framed.Line l -> (l.bareLf() ? "LF:" : "CRLF:") + new String(l.content(), java.nio.charset.StandardCharsets.ISO_8859_1);
                case Framed.TooLong t -> "TOO LONG:" + t.octets();
            });
        }
        return out;
    }

    /** Frames in = [0, split) then [split, n) with the given limit. */
    static List<String> frameSplit(byte[] in, int split, int limit) {
        LineFramer f = new LineFramer(limit);
        List<Framed> out = new ArrayList<>();
        feedAll(f, in, 0, split, out, limit);
        feedAll(f, in, split, in.length, out, limit);
        return render(out);
    }

    static void feedAll(LineFramer f, byte[] in, int from, int to, List<Framed> out, int limit) {
        int pos = from;
        while (pos < to) {
            pos += f.feed(in, pos, to - pos);
            assertTrue(f.pending() <= limit || f.pending() > limit, "pending is an octet count");
            f.take().ifPresent(out::add);
        }
    }

    @Test
    @Tag("5321-2.3.8-framing")
    void splittingAtEveryOctetGivesTheSameLines_rfc5321_2_3_8() {
        qt().withExamples(300).forAll(WireProperties.BYTES, integers().between(2, 40)).checkAssert((in, limit) -> {
            List<String> whole = frameSplit(in, in.length, limit);
            for (int split = 0; split <= in.length; split++) {
                assertEquals(whole, frameSplit(in, split, limit), "split at " + split);
            }
        });
    }

    @Test
    @Tag("5321-4.5.3.1.4")
    void framedLinesRespectTheLimit_rfc5321_4_5_3_1_4() {
        qt().withExamples(1000).forAll(WireProperties.BYTES, integers().between(2, 40)).checkAssert((in, limit) -> {
            LineFramer f = new LineFramer(limit);
            List<Framed> out = new ArrayList<>();
            int pos = 0;
            while (pos < in.length) {
                pos += f.feed(in, pos, in.length - pos);
                f.take().ifPresent(out::add);
            }
            long total = 0;
            for (Framed fr : out) {
                switch (fr) {
                    case Framed.Line l -> {
                        int octets = l.content().length + (l.bareLf() ? 1 : 2);
                        assertTrue(octets <= limit, "line of " + octets + " octets over " + limit);
                        total += octets;
                    }
                    case Framed.TooLong t -> {
                        assertTrue(t.octets() > limit);
                        total += t.octets();
                    }
                }
            }
            assertEquals(in.length, total + f.pending(), "every octet is accounted for");
        });
    }
}
