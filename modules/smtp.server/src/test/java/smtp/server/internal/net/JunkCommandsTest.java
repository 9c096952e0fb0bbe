package smtp.server.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Counting NOOP, RSET, VRFY, EXPN and HELP in the octets a session is about to read. */
class JunkCommandsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int scan(JunkCommands j, String s) {
        byte[] x = b(s);
        return j.scan(x, 0, x.length);
    }

    @Test
    @Tag("5321-4.5.3.2-junk")
    void theLineOverTheLimitIsFound_rfc5321_4_5_3_2() {
        JunkCommands j = new JunkCommands(3);
        assertEquals(-1, scan(j, "NOOP\r\nrset\r\nMAIL FROM:<a@b.test>\r\n"));
        assertEquals(2, j.count());
        assertEquals(-1, scan(j, "Vrfy alice\r\n"));
        String pipelined = "EHLO x\r\nHELP\r\nNOOP\r\n";
        assertEquals(pipelined.indexOf("HELP"), scan(j, pipelined), "the fourth junk command is the one refused");
    }

    @Test
    @Tag("5321-4.5.3.2-junk")
    void onlyWholeVerbsCountAndLinesMaySpanReads() {
        JunkCommands j = new JunkCommands(100);
        scan(j, "NOOPS\r\nNOOPING\r\nNOO\r\nNOOP");
        assertEquals(0, j.count(), "NOOPS, NOOPING and NOO are other commands; NOOP is not complete yet");
        scan(j, "\r\nexpn list\r\n");
        assertEquals(2, j.count());
        scan(j, "NO");
        scan(j, "OP x\r\n");
        assertEquals(3, j.count(), "a verb split between two reads");
    }

    @Test
    @Tag("5321-4.5.3.2-junk")
    void octetsAfterDataBdatAuthOrStartTlsAreNotCommands() {
        JunkCommands j = new JunkCommands(100);
        scan(j, "DATA\r\nNOOP\r\nNOOP\r\n");
        scan(j, "BDAT 12\r\nNOOP\r\nNOOP\r\n");
        scan(j, "AUTH PLAIN\r\nNOOP\r\n");
        scan(j, "STARTTLS\r\nNOOP\r\n");
        assertEquals(0, j.count());
        j.resync();
        scan(j, "NOOP\r\n");
        j.reset();
        assertEquals(0, j.count(), "an accepted message starts the count afresh");
    }
}
