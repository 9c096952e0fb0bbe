package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.wire.DataRun.ascii;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import smtp.dns.testing.Interop;

/**
 * The SMTP-smuggling attack against the DATA reader, with every end-of-data look-alike in the
 * shared list {@code conformance-data/smtp-smuggling/eod-sequences.tsv} (SEC Consult, hannob's
 * smtpsmug, Wang et al. 2025).
 *
 * <p>The attack: message 1, a sequence that some server mistakes for the end of data, then a
 * complete second transaction ({@code MAIL FROM}, {@code RCPT TO}, {@code DATA}, a forged
 * message, "." CRLF). A correct receiver sees ONE message that ends only at the first real
 * CRLF "." CRLF, with the "smuggled" commands inside its body; with the default policy it
 * refuses that message (550 5.6.0). Every variant is also fed split at every octet.
 */
class DataDecoderSmugglingTest {

    static final DataPolicy PERMISSIVE = new DataPolicy(false, false, false, 0, 0);
    static final String SMUGGLED = "MAIL FROM:<attacker@evil.test>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n"
            + "From: ceo@example.com\r\nSubject: forged\r\n\r\nsmuggled\r\n";
    static final byte[] REAL_END = ascii(".\r\n");
    static final byte[] AFTER = ascii("QUIT\r\n");
    static final byte[] CRLF_DOT_CRLF = {'\r', '\n', '.', '\r', '\n'};

    record Sequence(byte[] bytes, String sources) {
        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes) + " (" + sources + ")";
        }
    }

    static final String TSV = "conformance-data/smtp-smuggling/eod-sequences.tsv";

    static List<Sequence> sequences(Path tsv) throws IOException {
        List<Sequence> out = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            out.add(new Sequence(HexFormat.of().parseHex(cols[0].trim()), cols.length > 2 ? cols[2] : ""));
        }
        assertTrue(out.size() >= 16, "the list has at least 16 sequences, found " + out.size());
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Where a correct reader must end: just after the first CRLF "." CRLF, counting the DATA
     * line's CRLF as preceding the first octet; -1 if there is none.
     */
    static int trueEnd(byte[] data) {
        byte[] withDataLine = concat(ascii("\r\n"), data);
        int at = indexOf(withDataLine, CRLF_DOT_CRLF, 0);
        return at < 0 ? -1 : at + CRLF_DOT_CRLF.length - 2;
    }

    @TestFactory
    @Tag("5321-2.3.8a")
    Stream<DynamicTest> noSequenceEndsTheMessageOrLetsASecondOneThrough_rfc5321_2_3_8_rfc5321_4_1_1_4() throws IOException {
        Path tsv;
        try {
            tsv = Interop.sharedData(TSV);
        } catch (TestAbortedException missing) {
            // A factory that aborts makes its cases vanish from the report. One dynamic test that
            // aborts shows the list as skipped here; in CI Interop.sharedData fails the factory.
            return Stream.of(DynamicTest.dynamicTest("shared " + TSV + " is present", () -> {
                throw missing;
            }));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Sequence seq : sequences(tsv)) {
            for (String prefix : new String[] {"From: a@example.com\r\n\r\nline 1\r\nline 2", "From: a@example.com\r\n\r\nline 1\r\n"}) {
                byte[] message = concat(ascii(prefix), seq.bytes(), ascii(SMUGGLED), REAL_END);
                byte[] input = concat(message, AFTER);
                tests.add(DynamicTest.dynamicTest(seq + (prefix.endsWith("\n") ? " after a line" : " inside a line"),
                        () -> check(seq, input, message.length)));
            }
        }
        return tests.stream();
    }

    static void check(Sequence seq, byte[] input, int messageLength) {
        int end = trueEnd(input);
        boolean realTerminatorInside = end < messageLength;
        if (!realTerminatorInside) {
            assertEquals(messageLength, end, "the test builds one message ending at its real terminator");
        }
        // 1. Strict (the default): one message, through the real terminator, refused.
        DataRun strict = DataRun.of(DataPolicy.STRICT, input, input.length);
        assertEquals(end, strict.consumed(), "ends exactly at the first CRLF.CRLF, never earlier");
        if (hasBareOrNul(input, end - 3)) {
            assertEquals(Replies.BARE_LINE_ENDING, strict.rejection(), "bare CR/LF/NUL refuses the message");
        } else {
            assertTrue(strict.accepted());
        }
        // 2. Permissive: still one message; the smuggled transaction is body text.
        DataRun lenient = DataRun.of(PERMISSIVE, input, input.length);
        assertEquals(end, lenient.consumed());
        assertTrue(lenient.accepted());
        String rest = new String(input, end, input.length - end, StandardCharsets.ISO_8859_1);
        if (!realTerminatorInside) {
            assertTrue(lenient.sinkText().contains("MAIL FROM:<attacker@evil.test>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n"),
                    "the smuggled commands stay inside the body");
            // 3. What is left for the command parser is never a transaction.
            assertEquals("QUIT\r\n", rest);
        } else {
            // W25:A7 and A13 hold a genuine CRLF "." CRLF, next to a NUL. Every RFC 5321 party
            // ends the data there, so nothing is "smuggled": the decoder stops exactly there
            // (refusing message 1 if the NUL is inside it) and consumes nothing after it; what
            // follows is a new command for the session (a NUL-led line is refused there).
            assertEquals(new String(input, end, input.length - end, StandardCharsets.ISO_8859_1), rest);
            assertTrue(rest.startsWith("\0") || rest.startsWith("MAIL FROM:"), seq.toString());
        }
        // 4. Splitting the input anywhere changes nothing.
        for (int cut = 0; cut <= input.length; cut++) {
            assertEquals(strict, DataRun.split(DataPolicy.STRICT, input, cut), "strict, split at " + cut);
            assertEquals(lenient, DataRun.split(PERMISSIVE, input, cut), "permissive, split at " + cut);
        }
    }

    /** True if {@code b[0..to)} has a NUL, a LF not after CR, or a CR not before LF. */
    static boolean hasBareOrNul(byte[] b, int to) {
        for (int i = 0; i < to; i++) {
            if (b[i] == 0 || (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) || (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n'))) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Tag("5321-4.1.1.4c")
    void theRealTerminatorFollowedByNulLeavesTheNulUnconsumed_rfc5321_4_1_1_4() {
        DataRun r = DataRun.of(DataPolicy.STRICT, "body\r\n.\r\n\0MAIL FROM:<a@b>\r\n");
        assertEquals(9, r.consumed());
        assertTrue(r.accepted());
        assertEquals("body\r\n", r.sinkText());
    }

    @Test
    @Tag("5321-4.5.2d")
    void nulAroundTheTerminatorDoesNotEndTheMessage_rfc5321_4_5_2() {
        for (String s : new String[] {"a\r\n\0.\r\nb\r\n.\r\n", "a\r\n.\0\r\nb\r\n.\r\n", "a\0\r\n.\r\n"}) {
            DataRun r = DataRun.of(DataPolicy.STRICT, s);
            assertEquals(Replies.BARE_LINE_ENDING, r.rejection(), s);
            assertEquals(s.length(), r.consumed(), s);
        }
        assertFalse(DataRun.of(DataPolicy.STRICT, "a\r\n.\0\r\n").outcome() != null, "no end without CRLF.CRLF");
    }
}
