package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MessageTraits}: 8-bit data (RFC 6152 §3) and UTF-8 header fields (RFC 6531 §3.2, RFC 6532 §3). */
class MessageTraitsTest {

    static MessageTraits of(String content) {
        return MessageTraits.of(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Tag("6152-3")
    @Tag("6531-3.2")
    void eightBitDataAndUtf8HeadersAreToldApart_rfc6152_3_rfc6531_3_2() {
        assertEquals(MessageTraits.SEVEN_BIT, of("Subject: x\r\n\r\nplain\r\n"));
        assertEquals(new MessageTraits(true, false), of("Subject: x\r\n\r\ncaf\u00e9\r\n"));
        assertEquals(new MessageTraits(true, true), of("Subject: caf\u00e9\r\n\r\nplain\r\n"));
        // A folded header line is still the header; the first empty line ends it (RFC 5322 §2.1).
        assertEquals(new MessageTraits(true, true), of("Subject: x\r\n caf\u00e9\r\n\r\nplain\r\n"));
        // No empty line: all header. An empty first line: no header at all.
        assertEquals(new MessageTraits(true, true), of("Subject: caf\u00e9"));
        assertEquals(new MessageTraits(true, false), of("\r\ncaf\u00e9\r\n"));
        // NUL and other controls are not 8-bit.
        assertEquals(MessageTraits.SEVEN_BIT, of("A: \0\u007f\r\n\r\n\u0001\r\n"));
        assertThrows(IllegalArgumentException.class, () -> new MessageTraits(false, true));
    }

    @Test
    @Tag("6152-3")
    void theScannerGivesTheSameTraitsHoweverTheContentIsCut_rfc6152_3() {
        List<String> pieces = List.of("Subject: x\r\n", "From: a@b\r\n", " folded\r\n", "\r\n", "body\r\n", "\u00e9", "\u4e2d", "\r", "\n", "x");
        qt().withExamples(500).forAll(lists().of(integers().between(0, pieces.size() - 1)).ofSizeBetween(0, 12), integers().between(1, 7))
            .checkAssert((indexes, step) -> {
                StringBuilder sb = new StringBuilder();
                indexes.forEach(i -> sb.append(pieces.get(i)));
                byte[] content = sb.toString().getBytes(StandardCharsets.UTF_8);
                MessageTraits.Scanner s = new MessageTraits.Scanner();
                for (int off = 0; off < content.length; off += step) {
                    s.update(content, off, Math.min(step, content.length - off));
                }
                assertEquals(MessageTraits.of(content), s.traits(), sb::toString);
                assertEquals(reference(content), s.traits(), sb::toString);
            });
    }

    /** A plain oracle: the header is everything before the first "\n\n" or "\n\r\n" (or a leading one). */
    static MessageTraits reference(byte[] content) {
        String s = new String(content, StandardCharsets.ISO_8859_1);
        int end = s.startsWith("\n") || s.startsWith("\r\n") ? 0 : s.length();
        for (String sep : List.of("\n\n", "\n\r\n")) {
            int at = s.indexOf(sep);
            if (at >= 0) {
                end = Math.min(end, at + 1);
            }
        }
        boolean header = s.substring(0, end).chars().anyMatch(c -> c > 127);
        boolean any = s.chars().anyMatch(c -> c > 127);
        return new MessageTraits(any, header);
    }

    @Test
    @Tag("6152-3")
    void bodiesMadeFromBytesOrFilesKnowTheirTraits(@TempDir Path dir) throws IOException {
        byte[] content = "Subject: caf\u00e9\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.of(new MessageTraits(true, true)), MessageBody.of(content).traits());
        Path file = dir.resolve("m.eml");
        Files.write(file, "Subject: x\r\n\r\n".concat("x".repeat(200_000)).concat("\u00e9").getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(new MessageTraits(true, false)), MessageBody.of(file).traits());
        assertEquals(new MessageTraits(true, false), MessageTraits.scan(new ByteArrayInputStream(Files.readAllBytes(file))));
        MessageTraits.Scanner s = new MessageTraits.Scanner();
        s.update(content, 0, content.length);
        assertTrue(s.complete(), "once both are known, nothing more can change them");
    }
}
