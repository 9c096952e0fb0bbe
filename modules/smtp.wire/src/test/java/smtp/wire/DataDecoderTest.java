package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.wire.DataRun.ascii;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DataDecoderTest {

    static final DataPolicy STRICT = DataPolicy.STRICT;
    /** Everything allowed, no limits: shows where the message would end under the most lenient policy. */
    static final DataPolicy PERMISSIVE = new DataPolicy(false, false, false, 0, 0);

    @Test
    @Tag("5321-4.1.1.4a")
    void endsOnCrlfDotCrlfAndKeepsTheLastLineEnding_rfc5321_4_1_1_4() {
        DataRun r = DataRun.of(STRICT, "Subject: hi\r\n\r\nbody\r\n.\r\n");
        assertEquals("Subject: hi\r\n\r\nbody\r\n", r.sinkText());
        assertEquals(new DataOutcome.Accepted(21), r.outcome());
        assertEquals(24, r.consumed());
    }

    @Test
    @Tag("5321-4.1.1.4b")
    void firstLineCountsAsPrecededByCrlf_rfc5321_4_1_1_4() {
        DataRun empty = DataRun.of(STRICT, ".\r\nQUIT\r\n");
        assertEquals("", empty.sinkText());
        assertEquals(new DataOutcome.Accepted(0), empty.outcome());
        assertEquals(3, empty.consumed());
        DataRun stuffedFirst = DataRun.of(STRICT, "..hidden\r\n.\r\n");
        assertEquals(".hidden\r\n", stuffedFirst.sinkText());
    }

    @Test
    @Tag("5321-4.1.1.4c")
    void neverConsumesOctetsAfterTheTerminator_rfc5321_4_1_1_4_rfc2920() throws IOException {
        byte[] in = ascii("a\r\n.\r\nMAIL FROM:<a@b>\r\n");
        DataDecoder d = new DataDecoder(STRICT, new ByteArrayOutputStream());
        assertEquals(6, d.feed(in, 0, in.length));
        assertTrue(d.isDone());
        assertEquals(0, d.feed(in, 6, in.length - 6), "a finished decoder consumes nothing");
    }

    @Test
    @Tag("5321-4.1.1.4a")
    void isNotDoneWithoutTheTerminatorAndOutcomeIsThenAnError_rfc5321_4_1_1_4() throws IOException {
        for (String partial : new String[] {"abc", "abc\r\n", "abc\r\n.", "abc\r\n.\r", ".", ".\r"}) {
            DataRun r = DataRun.of(STRICT, partial);
            assertNull(r.outcome(), partial);
            assertEquals(partial.length(), r.consumed());
        }
        DataDecoder d = new DataDecoder(STRICT, new ByteArrayOutputStream());
        assertThrows(IllegalStateException.class, d::outcome);
    }

    @Test
    @Tag("5321-4.5.2a")
    void deletesTheLeadingDotOfEveryLineThatHasMore_rfc5321_4_5_2() {
        DataRun r = DataRun.of(STRICT, "..\r\n...\r\n.x\r\nx.\r\n. \r\n.\r\n");
        assertEquals(".\r\n..\r\nx\r\nx.\r\n \r\n", r.sinkText());
        assertTrue(r.accepted());
    }

    @Test
    @Tag("5321-4.5.2a")
    void aLineOfTwoDotsIsContentNotTheEnd_rfc5321_4_5_2() {
        DataRun r = DataRun.of(STRICT, "a\r\n..\r\nb\r\n.\r\n");
        assertEquals("a\r\n.\r\nb\r\n", r.sinkText());
    }

    @Test
    @Tag("5321-2.3.8a")
    void rejectsBareLfButReadsOnToTheRealEnd_rfc5321_2_3_8() {
        DataRun r = DataRun.of(STRICT, "a\nb\r\n.\r\nNEXT");
        assertEquals(Replies.BARE_LINE_ENDING, r.rejection());
        assertEquals(8, r.consumed());
    }

    @Test
    @Tag("5321-2.3.8a")
    void rejectsBareCr_rfc5321_2_3_8() {
        DataRun r = DataRun.of(STRICT, "a\rb\r\n.\r\n");
        assertEquals(Replies.BARE_LINE_ENDING, r.rejection());
        DataRun atEnd = DataRun.of(STRICT, "a\r\r\n.\r\n");
        assertEquals(Replies.BARE_LINE_ENDING, atEnd.rejection());
    }

    @Test
    @Tag("5321-4.5.2d")
    void rejectsNulByDefaultAndPassesItWhenAllowed_rfc5321_4_5_2() {
        assertEquals(Replies.BARE_LINE_ENDING, DataRun.of(STRICT, "a\0b\r\n.\r\n").rejection());
        DataRun lenient = DataRun.of(new DataPolicy(true, true, false, 1000, 0), "a\0b\r\n.\r\n");
        assertEquals("a\0b\r\n", lenient.sinkText());
        assertTrue(lenient.accepted());
    }

    @Test
    @Tag("5321-2.3.8a")
    void permissivePolicyPassesBareLineEndingsThroughAsContent_rfc5321_2_3_8() {
        DataRun r = DataRun.of(PERMISSIVE, "a\nb\rc\r\n.\r\n");
        assertEquals("a\nb\rc\r\n", r.sinkText());
        assertTrue(r.accepted());
    }

    @Test
    @Tag("5321-2.3.8a")
    void afterARejectionNothingMoreReachesTheSink_rfc5321_2_3_8() {
        DataRun r = DataRun.of(STRICT, "good\r\nbad\nline\r\nmore\r\n.\r\n");
        assertFalse(r.sinkText().contains("more"), r.sinkText());
        assertEquals(new DataOutcome.Rejected(Replies.BARE_LINE_ENDING, 22), r.outcome());
    }

    @Test
    @Tag("5321-4.5.3.1.6")
    void acceptsA1000OctetLineAndRejectsA1001OctetLine_rfc5321_4_5_3_1_6() {
        String ok = "x".repeat(998) + "\r\n";
        String tooLong = "x".repeat(999) + "\r\n";
        assertTrue(DataRun.of(STRICT, ok + ".\r\n").accepted());
        assertEquals(Replies.TEXT_LINE_TOO_LONG, DataRun.of(STRICT, tooLong + ".\r\n").rejection());
        // RFC 5321 §4.3.2: after the data only 250, 552, 554, 451, 452, 450 or 550 may follow.
        assertEquals("554 5.6.0", Replies.TEXT_LINE_TOO_LONG.toString().substring(0, 9));
    }

    @Test
    @Tag("5321-4.5.3.1.6")
    void theStuffedDotDoesNotCountTowardsTheLineLimit_rfc5321_4_5_3_1_6() {
        String stuffed = "." + ".".repeat(998) + "\r\n"; // 1001 on the wire, 1000 after unstuffing
        DataRun r = DataRun.of(STRICT, stuffed + ".\r\n");
        assertTrue(r.accepted(), r.toString());
        assertEquals(1000, r.sink().length);
    }

    @Test
    @Tag("5321-4.5.3.1.6")
    void theLineLimitIsConfigurableAndCanBeOff_rfc5321_4_5_3_1_6() {
        String line = "x".repeat(5000) + "\r\n.\r\n";
        assertTrue(DataRun.of(new DataPolicy(true, true, true, 0, 0), line).accepted());
        assertEquals(Replies.TEXT_LINE_TOO_LONG, DataRun.of(new DataPolicy(true, true, true, 10, 0), "12345678\r\n123456789\r\n.\r\n").rejection());
        assertTrue(DataRun.of(new DataPolicy(true, true, true, 10, 0), "12345678\r\n.\r\n").accepted());
    }

    @Test
    @Tag("5321-4.5.3.1.10-data")
    void rejectsAMessageOverTheSizeLimitWith552ButReadsToTheEnd_rfc5321_4_5_3_1_10() {
        DataPolicy max10 = STRICT.withMaxMessageSize(10);
        assertEquals(new DataOutcome.Accepted(10), DataRun.of(max10, "12345678\r\n.\r\n").outcome());
        DataRun r = DataRun.of(max10, "123456789\r\nmore\r\n.\r\nRSET\r\n");
        assertEquals(new DataOutcome.Rejected(Replies.MESSAGE_TOO_BIG, 17), r.outcome());
        assertEquals(20, r.consumed());
        assertTrue(r.sink().length <= 10);
    }

    @Test
    @Tag("5321-4.1.1.4a")
    void everySplitOfTheInputGivesTheSameResult_rfc5321_4_1_1_4() {
        byte[] in = ascii("..a\r\n.\rb\r\n\r\n.x\r\n.\r\nNEXT");
        DataRun whole = DataRun.of(PERMISSIVE, in, in.length);
        for (int i = 0; i <= in.length; i++) {
            for (int j = i; j <= in.length; j++) {
                assertEquals(whole, DataRun.split(PERMISSIVE, in, i, j), "split at " + i + "," + j);
            }
        }
        assertEquals(".a\r\n\rb\r\n\r\nx\r\n", whole.sinkText());
    }

    @Test
    @Tag("5321-4.1.1.4a")
    void feedsOneOctetAtATime_rfc5321_4_1_1_4() {
        DataRun r = DataRun.of(STRICT, ascii("a\r\n..b\r\n.\r\nX"), 1);
        assertEquals("a\r\n.b\r\n", r.sinkText());
        assertEquals(11, r.consumed());
    }

    @Test
    void sinkIoExceptionPropagates() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        DataDecoder d = new DataDecoder(STRICT, failing);
        byte[] in = ascii("abc\r\n.\r\n");
        assertThrows(IOException.class, () -> d.feed(in, 0, in.length));
    }

    @Test
    void rejectsBadBounds() {
        DataDecoder d = new DataDecoder(STRICT, new ByteArrayOutputStream());
        assertThrows(IndexOutOfBoundsException.class, () -> d.feed(new byte[4], 2, 3));
    }

    @Test
    @Tag("5321-4.5.2e")
    void fiftyMegabytesWithoutALineEndKeepNothingAround_rfc5321_4_5_3_1_6() throws IOException {
        long[] written = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        DataDecoder d = new DataDecoder(STRICT, counting);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 800; i++) {
            assertEquals(chunk.length, d.feed(chunk, 0, chunk.length));
        }
        assertFalse(d.isDone());
        assertEquals(999, written[0], "the sink got the line up to the limit, nothing after");
        byte[] end = ascii("\r\n.\r\n");
        assertEquals(end.length, d.feed(end, 0, end.length));
        assertEquals(new DataOutcome.Rejected(Replies.TEXT_LINE_TOO_LONG, 800L * chunk.length + 2), d.outcome());
    }
}
