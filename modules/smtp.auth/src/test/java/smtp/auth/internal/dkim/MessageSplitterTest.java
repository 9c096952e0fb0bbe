package smtp.auth.internal.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    static final class Parts implements MessageSplitter.Parts {
        String header;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void header(byte[] h, int length) {
            header = new String(h, 0, length, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void body(byte[] b, int off, int len) {
            body.write(b, off, len);
        }
    }

    static Parts split(String message, List<Integer> cuts, int max) {
        Parts p = new Parts();
        MessageSplitter s = new MessageSplitter(p, max);
        byte[] m = message.getBytes(StandardCharsets.ISO_8859_1);
        int pos = 0;
        for (int c : cuts) {
            int n = Math.min(c, m.length - pos);
            s.write(m, pos, n);
            pos += n;
        }
        s.write(m, pos, m.length - pos);
        s.finish();
        return p;
    }

    @Test
    @Tag("6376-3.7a")
    void headerSectionEndsAtTheFirstEmptyLineWhateverTheChunking() {
        String msg = "A: 1\r\nB: 2\r\n\r\nbody\r\n\r\nmore\r\n";
        qt().withExamples(3000).forAll(lists().of(integers().between(0, 6)).ofSizeBetween(0, 12)).check(cuts -> {
            Parts p = split(msg, cuts, 1 << 16);
            return p.header.equals("A: 1\r\nB: 2\r\n\r\n") && p.body.toString(StandardCharsets.ISO_8859_1).equals("body\r\n\r\nmore\r\n");
        });
    }

    @Test
    @Tag("6376-3.7a")
    void emptyHeaderSectionAndMissingBody() {
        Parts p = split("\r\nbody", List.of(), 1024);
        assertEquals("\r\n", p.header);
        assertEquals("body", p.body.toString(StandardCharsets.ISO_8859_1));
        Parts q = split("A: 1\r\nB: 2\r\n", List.of(), 1024);
        assertEquals("A: 1\r\nB: 2\r\n", q.header);
        assertEquals(0, q.body.size());
    }

    @Test
    @Tag("6376-8.4")
    void oversizedHeaderSectionIsDropped() {
        Parts p = new Parts();
        MessageSplitter s = new MessageSplitter(p, 10);
        byte[] m = "A: 0123456789\r\n\r\nbody".getBytes(StandardCharsets.ISO_8859_1);
        s.write(m, 0, m.length);
        s.finish();
        assertTrue(s.overflowed());
        assertEquals(null, p.header);
    }
}
