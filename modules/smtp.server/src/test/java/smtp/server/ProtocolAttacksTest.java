package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.testing.Interop;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * Attacks on the protocol itself, over real sockets: the SMTP smuggling end-of-data sequences of
 * the shared list, STARTTLS command injection (CVE-2011-0411), and talking before the greeting.
 */
class ProtocolAttacksTest {

    private static TestMta mta;

    @BeforeAll
    static void start() throws Exception {
        mta = TestMta.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        mta.close();
    }

    private static SmtpDialog session() throws Exception {
        SmtpDialog d = SmtpDialog.connect(mta.smtp());
        expect(d.read(), 220);
        expect(d.cmd("EHLO client.remote.test"), 250);
        return d;
    }

    @Test
    @Tag("5321-4.1.1.4-server")
    void noSmugglingSequenceEndsAMessage() throws Exception {
        Path tsv = Interop.sharedData("conformance-data/smtp-smuggling/eod-sequences.tsv");
        List<String> queuedTwice = new ArrayList<>();
        List<Integer> genuine = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            byte[] seq = HexFormat.of().parseHex(line.split("\t")[0]);
            n++;
            if (HexFormat.of().formatHex(seq).contains("0d0a2e0d0a")) {
                // The sequence holds the real terminator CRLF "." CRLF (RFC 5321 §4.1.1.4): the
                // message ends there and what follows is a genuine second transaction.
                genuine.add(n);
            }
            ByteArrayOutputStream msg = new ByteArrayOutputStream();
            msg.writeBytes(("Subject: carrier " + n + "\r\n\r\nbefore").getBytes(StandardCharsets.US_ASCII));
            msg.writeBytes(seq);
            msg.writeBytes(("MAIL FROM:<evil@remote.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n"
                    + "Subject: smuggled " + n + "\r\n\r\nsmuggled\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
            msg.writeBytes("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            int queued = 0;
            try (SmtpDialog d = session()) {
                expect(d.cmd("MAIL FROM:<carrier@remote.test>"), 250);
                expect(d.cmd("RCPT TO:<alice@example.test>"), 250);
                expect(d.cmd("DATA"), 354);
                d.send(msg.toByteArray());
                d.send("QUIT\r\n");
                try {
                    SmtpDialog.Answer a;
                    do {
                        a = d.read();
                        if (a.code() == 250 && a.text().contains("queued as")) {
                            queued++;
                        }
                    } while (a.code() != 221 && a.code() != 421);
                } catch (IOException e) {
                    // closed after too many errors
                }
            }
            if (queued > (genuine.contains(n) ? 2 : 0)) {
                queuedTwice.add(line + " (" + queued + " queued)");
            }
        }
        assertTrue(n >= 16, "the shared list has " + n + " sequences");
        // Every other sequence leaves bare CR, LF or NUL in the data: the whole DATA is one message,
        // refused (550 5.6.0), and nothing after the fake terminator is executed.
        assertTrue(queuedTwice.isEmpty(), "messages queued from one DATA: " + queuedTwice);
        Thread.sleep(1000);
        mta.awaitQueueEmpty(Duration.ofSeconds(20));
        for (String user : List.of("alice", "bob")) {
            for (String m : mta.maildir(user)) {
                for (int i = 1; i <= n; i++) {
                    if (!genuine.contains(i)) {
                        assertFalse(m.contains("Subject: smuggled " + i + "\n"), "a smuggled message was delivered: " + m);
                    }
                }
            }
        }
    }

    @Test
    @Tag("3207-4.2-server")
    void commandsPipelinedAfterStartTlsAreNotExecuted_cve_2011_0411() throws Exception {
        try (SmtpDialog d = session()) {
            d.send("STARTTLS\r\nMAIL FROM:<injected@remote.test>\r\nRSET\r\n");
            expect(d.read(), 220);
            java.lang.reflect.Method upgrade = SmtpDialog.class.getDeclaredMethod("upgrade");
            upgrade.setAccessible(true);
            upgrade.invoke(d);
            d.timeout(1000);
            assertThrows(SocketTimeoutException.class, d::read, "nothing may answer the injected commands");
            d.timeout(20_000);
            SmtpDialog.Answer ehlo = expect(d.cmd("EHLO client.remote.test"), 250);
            assertFalse(ehlo.lines().contains("STARTTLS"), "STARTTLS is not offered again (RFC 3207 §4.2)");
            expect(d.cmd("RCPT TO:<alice@example.test>"), 503);
        }
    }

    @Test
    @Tag("5321-3.1-server")
    void aClientThatTalksBeforeTheGreetingIsRefused() throws Exception {
        try (TestMta waiting = TestMta.builder().set("limits.greeting.delay", "1s").start()) {
            talkBeforeGreeting(waiting);
        }
    }

    private static void talkBeforeGreeting(TestMta mta) throws Exception {
        try (SmtpDialog d = SmtpDialog.connect(mta.smtp())) {
            d.send("EHLO impatient.remote.test\r\nMAIL FROM:<spam@remote.test>\r\n");
            SmtpDialog.Answer a = expect(d.read(), 554);
            assertTrue(a.text().startsWith("5.5.1 "), a.toString());
            expect(d.read(), 503);
            expect(d.read(), 503);
            expect(d.cmd("QUIT"), 221);
        }
        long t0 = System.nanoTime();
        try (SmtpDialog d = SmtpDialog.connect(mta.smtp())) {
            expect(d.read(), 220);
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(900).toNanos(), "the greeting waited");
            assertEquals(250, d.cmd("EHLO patient.remote.test").code());
        }
    }
}
