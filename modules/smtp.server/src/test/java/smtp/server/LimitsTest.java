package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * Limits and abuse resistance over real sockets: SIZE, recipients, connections in total and per
 * address, timeouts against a slow client, a flood of connections, the growing delay after
 * failed AUTH, the error limit, and clients that talk before the greeting.
 */
class LimitsTest {

    private static TestMta mta;

    @BeforeAll
    static void start() throws Exception {
        mta = TestMta.builder()
                .set("limits.message.size", "64k")
                .set("limits.recipients", "100")
                .set("limits.connections", "40")
                .set("limits.connections.per.ip", "8")
                .set("limits.errors", "5")
                .set("timeout.command", "2s")
                .set("timeout.data", "3s")
                .set("limits.auth.delay", "200ms")
                .start();
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
    @Tag("1870-6-server")
    void messageSizeIsAnnouncedAndEnforced_rfc1870() throws Exception {
        try (SmtpDialog d = SmtpDialog.connect(mta.smtp())) {
            expect(d.read(), 220);
            SmtpDialog.Answer ehlo = expect(d.cmd("EHLO client.remote.test"), 250);
            assertTrue(ehlo.lines().contains("SIZE 65536"), ehlo.toString());
            expect(d.cmd("MAIL FROM:<a@remote.test> SIZE=70000"), 552);
            expect(d.cmd("MAIL FROM:<a@remote.test>"), 250);
            expect(d.cmd("RCPT TO:<alice@example.test>"), 250);
            expect(d.cmd("DATA"), 354);
            d.send("Subject: big\r\n\r\n" + "x".repeat(998) + "\r\n");
            for (int i = 0; i < 80; i++) {
                d.send("x".repeat(998) + "\r\n");
            }
            d.send(".\r\n");
            SmtpDialog.Answer a = expect(d.read(), 552);
            assertTrue(a.text().startsWith("5.3.4 "), a.toString());
        }
    }

    @Test
    @Tag("5321-4.5.3.1.10-server")
    void recipientsBeyondTheLimitGet452() throws Exception {
        try (SmtpDialog d = session()) {
            expect(d.cmd("MAIL FROM:<a@remote.test>"), 250);
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < 101; i++) {
                pipelined.append("RCPT TO:<alice+").append(i).append("@example.test>\r\n");
            }
            d.send(pipelined.toString());
            for (int i = 0; i < 100; i++) {
                expect(d.read(), 250);
            }
            SmtpDialog.Answer a = expect(d.read(), 452);
            assertTrue(a.text().startsWith("4.5.3 "), a.toString());
        }
    }

    @Test
    @Tag("5321-4.5.3.2-server")
    @Timeout(60)
    void aClientSendingOneOctetASecondIsCutOffByTheCommandTimeout() throws Exception {
        try (SmtpDialog d = session()) {
            long start = System.nanoTime();
            String line = "MAIL FROM:<slow@remote.test>\r\n";
            SmtpDialog.Answer a = null;
            for (int i = 0; i < line.length() && a == null; i++) {
                try {
                    d.send(line.substring(i, i + 1));
                } catch (IOException e) {
                    break;
                }
                Thread.sleep(700);
                if (System.nanoTime() - start > Duration.ofSeconds(2).toNanos()) {
                    a = d.read();
                }
            }
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(a != null && a.code() == 421 && a.text().startsWith("4.4.2"), "timeout reply: " + a);
            assertTrue(elapsed < 10_000, "cut off after " + elapsed + " ms although each octet came within the timeout");
            assertTrue(d.closedByServer());
        }
    }

    @Test
    @Tag("5321-4.5.3.2-server")
    @Timeout(60)
    void aTricklingMessageIsCutOffByTheDataTimeout() throws Exception {
        try (SmtpDialog d = session()) {
            expect(d.cmd("MAIL FROM:<slow@remote.test>"), 250);
            expect(d.cmd("RCPT TO:<alice@example.test>"), 250);
            expect(d.cmd("DATA"), 354);
            long start = System.nanoTime();
            SmtpDialog.Answer a = null;
            d.timeout(300);
            while (a == null && System.nanoTime() - start < Duration.ofSeconds(20).toNanos()) {
                try {
                    d.send("y");
                } catch (IOException e) {
                    break;
                }
                try {
                    a = d.read();
                } catch (java.net.SocketTimeoutException e) {
                    // still trickling
                }
            }
            assertTrue(a != null && a.code() == 421, "timeout reply: " + a);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
        }
    }

    @Test
    @Tag("5321-4.5.3.2-server")
    void tooManyConnectionsFromOneAddressGet421_4_7_0() throws Exception {
        List<SmtpDialog> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                SmtpDialog d = SmtpDialog.connect(mta.smtp());
                expect(d.read(), 220);
                open.add(d);
            }
            try (SmtpDialog extra = SmtpDialog.connect(mta.smtp())) {
                SmtpDialog.Answer a = expect(extra.read(), 421);
                assertTrue(a.text().startsWith("4.7.0 "), a.toString());
                assertTrue(extra.closedByServer());
            }
        } finally {
            open.forEach(SmtpDialog::close);
        }
        // The slots are given back: a new connection is served again.
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int code = 0;
        while (code != 220 && System.nanoTime() < end) {
            try (SmtpDialog d = SmtpDialog.connect(mta.smtp())) {
                code = d.read().code();
            }
            if (code != 220) {
                Thread.sleep(100);
            }
        }
        assertEquals(220, code);
    }

    @Test
    @Tag("5321-4.5.3.2-server")
    @Timeout(90)
    void aConnectionFloodIsBoundedAndDoesNotAffectOthers() throws Exception {
        // 200 connections that open and go silent, or send garbage and vanish, in 8 threads;
        // meanwhile an ordinary client delivers a message.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> flood = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int seed = t;
            flood.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    try (Socket s = new Socket("127.0.0.1", mta.smtp().getPort())) {
                        if ((i + seed) % 2 == 0) {
                            s.getOutputStream().write("GARBAGE\r\n\u0000\u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                    } catch (IOException e) {
                        // refused or reset: that is what limits do
                    }
                }
                return null;
            }));
        }
        boolean delivered = false;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!delivered && System.nanoTime() < end) {
            try (SmtpDialog d = SmtpDialog.connect(mta.smtp())) {
                if (d.read().code() == 220) {
                    expect(d.cmd("EHLO ok.remote.test"), 250);
                    delivered = d.mail("ok@remote.test", List.of("bob@example.test"),
                            "Subject: during-flood\r\n\r\nstill served\r\n").code() == 250;
                }
            } catch (IOException | AssertionError e) {
                Thread.sleep(100);
            }
        }
        for (Future<?> f : flood) {
            f.get();
        }
        pool.shutdown();
        assertTrue(delivered, "an ordinary client was served during the flood");
        long settle = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (mta.server().connections() > 0 && System.nanoTime() < settle) {
            Thread.sleep(50);
        }
        assertEquals(0, mta.server().connections(), "every flood connection ended within the timeouts");
    }

    @Test
    @Tag("4954-4-tarpit-server")
    void failedAuthIsAnsweredAfterAGrowingDelay() throws Exception {
        try (SmtpDialog d = SmtpDialog.connectTls(mta.smtps())) {
            expect(d.read(), 220);
            expect(d.cmd("EHLO guesser.remote.test"), 250);
            long[] took = new long[3];
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                expect(d.authPlain("alice", "guess" + i), 535);
                took[i] = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            }
            assertTrue(took[0] >= 190 && took[1] >= 390 && took[2] >= 790, "delays 200, 400, 800 ms: " + java.util.Arrays.toString(took));
        }
    }

    @Test
    @Tag("5321-4.3.2-server")
    void afterTheErrorLimitTheServerSays421AndCloses() throws Exception {
        try (SmtpDialog d = session()) {
            for (int i = 0; i < 4; i++) {
                assertTrue(d.cmd("BOGUS " + i).code() >= 500);
            }
            SmtpDialog.Answer last = d.cmd("BOGUS 5");
            assertTrue(last.code() >= 500, last.toString());
            SmtpDialog.Answer bye = expect(d.read(), 421);
            assertTrue(bye.text().startsWith("4.7.0 "), bye.toString());
            assertTrue(d.closedByServer());
        }
    }
}
