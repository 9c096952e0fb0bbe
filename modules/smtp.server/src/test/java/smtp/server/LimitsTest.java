package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
 * failed AUTH (per client address), the error limit (rejected recipients included), the junk
 * command limit, the TLS handshake deadline, the session time limit, and clients that talk
 * before the greeting.
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
                .set("limits.junk.commands", "10")
                .set("timeout.tls", "2s")
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

    @Test
    @Tag("4954-4-tarpit-server")
    void theAuthDelayGrowsAcrossConnectionsFromOneAddress() throws Exception {
        // Reconnecting must not start the tarpit over (the count is per client address). Other
        // tests of this class fail AUTH from 127.0.0.1 too, so only lower bounds are checked.
        for (int c = 0; c < 2; c++) {
            try (SmtpDialog d = SmtpDialog.connectTls(mta.smtps())) {
                expect(d.read(), 220);
                expect(d.cmd("EHLO guesser.remote.test"), 250);
                long t0 = System.nanoTime();
                expect(d.authPlain("alice", "reconnect-guess" + c), 535);
                long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
                // The second connection's first failure is at least the address's second: 2 x 200 ms.
                assertTrue(took >= (c == 0 ? 190 : 390), "connection " + c + ": " + took + " ms");
            }
        }
    }

    @Test
    @Tag("5321-7.8-server")
    void rejectedRecipientsCountTowardsTheErrorLimit_rfc5321_7_8() throws Exception {
        try (SmtpDialog d = session()) {
            expect(d.cmd("MAIL FROM:<harvester@remote.test>"), 250);
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                pipelined.append("RCPT TO:<guess").append(i).append("@example.test>\r\n");
            }
            d.send(pipelined.toString());
            for (int i = 0; i < 5; i++) {
                SmtpDialog.Answer a = expect(d.read(), 550);
                assertTrue(a.text().startsWith("5.1.1 "), a.toString());
            }
            SmtpDialog.Answer bye = expect(d.read(), 421);
            assertTrue(bye.text().startsWith("4.7.0 "), bye.toString());
            assertTrue(d.closedByServer());
        }
        // An accepted message starts the count afresh: 5 rejections, a message, 5 more.
        try (SmtpDialog d = session()) {
            expect(d.cmd("MAIL FROM:<list@remote.test>"), 250);
            for (int i = 0; i < 5; i++) {
                expect(d.cmd("RCPT TO:<stale" + i + "@example.test>"), 550);
            }
            expect(d.cmd("RCPT TO:<alice@example.test>"), 250);
            expect(d.cmd("DATA"), 354);
            d.send("Subject: list\r\n\r\nlist mail\r\n.\r\n");
            expect(d.read(), 250);
            expect(d.cmd("MAIL FROM:<list@remote.test>"), 250);
            for (int i = 0; i < 5; i++) {
                expect(d.cmd("RCPT TO:<stale" + i + "@example.test>"), 550);
            }
            expect(d.cmd("RCPT TO:<stale-too-many@example.test>"), 421);
        }
    }

    @Test
    @Tag("5321-4.5.3.2-junk")
    void junkCommandsBeyondTheLimitGet421_4_7_0() throws Exception {
        try (SmtpDialog d = session()) {
            String[] junk = {"NOOP", "RSET", "VRFY alice", "HELP", "noop keepalive", "EXPN list"};
            for (int i = 0; i < 10; i++) {
                SmtpDialog.Answer a = d.cmd(junk[i % junk.length]);
                assertTrue(a.code() < 400 || junk[i % junk.length].startsWith("EXPN"), a.toString());
            }
            SmtpDialog.Answer bye = expect(d.cmd("NOOP"), 421);
            assertTrue(bye.text().startsWith("4.7.0 "), bye.toString());
            assertTrue(d.closedByServer());
        }
        // Pipelined, and counted afresh after an accepted message.
        try (SmtpDialog d = session()) {
            for (int i = 0; i < 8; i++) {
                expect(d.cmd("RSET"), 250);
            }
            expect(d.mail("keepalive@remote.test", List.of("alice@example.test"), "Subject: junk\r\n\r\nx\r\n"), 250);
            d.send("NOOP\r\n".repeat(12));
            for (int i = 0; i < 10; i++) {
                expect(d.read(), 250);
            }
            expect(d.read(), 421);
            assertTrue(d.closedByServer());
        }
    }

    @Test
    @Tag("3207-4-deadline-server")
    @Timeout(90)
    void aTrickledTlsHandshakeIsCutOffByTheTlsTimeout() throws Exception {
        // timeout.tls is 2 s; each octet comes within the read timeout, the whole never completes.
        for (boolean implicit : new boolean[] {true, false}) {
            InetSocketAddress where = implicit ? mta.smtps() : mta.smtp();
            try (Socket s = new Socket()) {
                s.connect(where, 10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                if (!implicit) {
                    s.setSoTimeout(20_000);
                    readReply(in, "220");
                    out.write("EHLO slow.remote.test\r\n".getBytes(StandardCharsets.US_ASCII));
                    readReply(in, "250 ");
                    out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                    readReply(in, "220");
                }
                // A TLS record header announcing a 512-octet handshake message, then one octet at a time.
                byte[] clientHello = new byte[517];
                clientHello[0] = 0x16;
                clientHello[1] = 0x03;
                clientHello[2] = 0x01;
                clientHello[3] = 0x02;
                clientHello[4] = 0x00;
                clientHello[5] = 0x01;
                s.setSoTimeout(400);
                long start = System.nanoTime();
                boolean closed = false;
                for (int i = 0; i < clientHello.length && !closed && System.nanoTime() - start < Duration.ofSeconds(30).toNanos(); i++) {
                    try {
                        out.write(clientHello[i]);
                        out.flush();
                        closed = in.read() < 0;
                    } catch (SocketTimeoutException e) {
                        // still waiting: the server has not given up yet
                    } catch (IOException e) {
                        closed = true;
                    }
                }
                long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertTrue(closed, (implicit ? "implicit TLS" : "STARTTLS") + ": still open after " + elapsed + " ms");
                assertTrue(elapsed < 15_000, (implicit ? "implicit TLS" : "STARTTLS") + ": closed only after " + elapsed + " ms");
            }
        }
    }

    private static void readReply(InputStream in, String prefix) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed while waiting for " + prefix);
            }
            if (c == '\n') {
                if (line.toString().startsWith(prefix)) {
                    return;
                }
                line.setLength(0);
            } else if (c != '\r') {
                line.append((char) c);
            }
        }
    }

    @Test
    @Tag("5321-4.5.3.2-junk")
    @Timeout(90)
    void aSessionEndsAtTheSessionTimeLimitButLetsATransactionFinish() throws Exception {
        try (TestMta short1 = TestMta.builder().set("timeout.session", "3s").set("timeout.command", "2s")
                .set("timeout.data", "10s").start()) {
            // Kept alive with commands that each come in time: cut off at timeout.session.
            try (SmtpDialog d = SmtpDialog.connect(short1.smtp())) {
                expect(d.read(), 220);
                long start = System.nanoTime();
                expect(d.cmd("EHLO alive.remote.test"), 250);
                SmtpDialog.Answer a = null;
                while (System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
                    Thread.sleep(500);
                    a = d.cmd("EHLO alive.remote.test");
                    if (a.code() != 250) {
                        break;
                    }
                }
                assertTrue(a != null && a.code() == 421 && a.text().startsWith("4.4.2 ") && a.text().contains("session"), "" + a);
                assertTrue(d.closedByServer());
            }
            // A transaction open at the limit may finish; then the session ends.
            try (SmtpDialog d = SmtpDialog.connect(short1.smtp())) {
                expect(d.read(), 220);
                long start = System.nanoTime();
                expect(d.cmd("EHLO busy.remote.test"), 250);
                expect(d.cmd("MAIL FROM:<busy@remote.test>"), 250);
                int i = 0;
                while (System.nanoTime() - start < Duration.ofSeconds(4).toNanos()) {
                    Thread.sleep(500);
                    expect(d.cmd("RCPT TO:<alice+" + i++ + "@example.test>"), 250);
                }
                expect(d.cmd("DATA"), 354);
                d.send("Subject: overtime\r\n\r\nfinished after the session limit\r\n.\r\n");
                SmtpDialog.Answer ok = expect(d.read(), 250);
                assertTrue(ok.text().contains("queued as"), ok.toString());
                SmtpDialog.Answer bye = expect(d.read(), 421);
                assertTrue(bye.text().contains("session"), bye.toString());
            }
            short1.awaitMaildir("alice", 1, Duration.ofSeconds(20));
        }
    }
}
