package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import smtp.dns.InMemoryResolver;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * Graceful shutdown (what SIGTERM runs): idle sessions get 421 at once, a transaction in
 * flight may finish within the grace period, one that does not is cut short with 421 and its
 * message discarded; the queue is closed and a restart resumes it.
 */
class ShutdownTest {

    @Test
    @Tag("5321-3.8-server")
    @Timeout(120)
    void idleSessionsGet421AndTransactionsInFlightFinish() throws Exception {
        try (TestMta mta = TestMta.builder().start()) {
            SmtpDialog idle = SmtpDialog.connect(mta.smtp());
            expect(idle.read(), 220);
            expect(idle.cmd("EHLO idle.remote.test"), 250);
            SmtpDialog busy = SmtpDialog.connect(mta.smtp());
            expect(busy.read(), 220);
            expect(busy.cmd("EHLO busy.remote.test"), 250);
            expect(busy.cmd("MAIL FROM:<busy@remote.test>"), 250);
            expect(busy.cmd("RCPT TO:<alice@example.test>"), 250);
            expect(busy.cmd("DATA"), 354);
            busy.send("Subject: in flight\r\n\r\nfirst half\r\n");
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> mta.server().shutdown(Duration.ofSeconds(20)));
            SmtpDialog.Answer bye = expect(idle.read(), 421);
            assertTrue(bye.text().startsWith("4.3."), bye.toString());
            assertTrue(idle.closedByServer());
            Thread.sleep(300);
            busy.send("second half\r\n.\r\n");
            SmtpDialog.Answer ok = expect(busy.read(), 250);
            assertTrue(ok.text().contains("queued as"), ok.toString());
            // The next transaction is refused: the server is going away.
            SmtpDialog.Answer next = busy.cmd("MAIL FROM:<busy@remote.test>");
            assertEquals(421, next.code(), next.toString());
            stop.get();
            idle.close();
            busy.close();
            // The accepted message is delivered (before or after the restart), exactly once.
            mta.restart(Duration.ofSeconds(1), Map.of());
            List<String> m = mta.awaitMaildir("alice", 1, Duration.ofSeconds(20));
            assertEquals(1, m.size());
            assertTrue(m.get(0).contains("first half\nsecond half"), m.get(0));
        }
    }

    @Test
    @Tag("5321-3.8-server")
    @Timeout(120)
    void aTransactionThatDoesNotFinishIsCutShortAndItsMessageDiscarded() throws Exception {
        try (TestMta mta = TestMta.builder().start()) {
            SmtpDialog slow = SmtpDialog.connect(mta.smtp());
            expect(slow.read(), 220);
            expect(slow.cmd("EHLO slow.remote.test"), 250);
            expect(slow.cmd("MAIL FROM:<slow@remote.test>"), 250);
            expect(slow.cmd("RCPT TO:<alice@example.test>"), 250);
            expect(slow.cmd("DATA"), 354);
            slow.send("Subject: never finished\r\n\r\npartial\r\n");
            long t0 = System.nanoTime();
            mta.server().shutdown(Duration.ofSeconds(1));
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "the grace period bounds the wait");
            SmtpDialog.Answer cut = expect(slow.read(), 421);
            assertTrue(cut.text().startsWith("4.3.0"), cut.toString());
            slow.close();
            mta.restart(Duration.ofSeconds(1), Map.of());
            Thread.sleep(1500);
            assertEquals(List.of(), mta.maildir("alice"), "a message not answered 250 is not delivered");
        }
    }

    @Test
    @Tag("5321-3.8-server")
    @Timeout(120)
    void aRestartResumesTheQueue() throws Exception {
        // remote.test's MX is down at first: the message waits in the queue across the restart.
        try (TestMta remote = TestMta.builder().set("server.hostname", "mx.remote.test").set("domains.local", "remote.test")
                .user("carol", TestMta.PASSWORD).start()) {
            InMemoryResolver dns = InMemoryResolver.builder().mx("remote.test", 10, "mx.remote.test")
                    .a("mx.remote.test", "127.0.0.1").build();
            int closedPort;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            try (TestMta mta = TestMta.builder().resolver(dns).set("delivery.port", Integer.toString(closedPort))
                    .set("queue.retry.initial", "1s").start()) {
                try (SmtpDialog d = SmtpDialog.connectTls(mta.smtps())) {
                    expect(d.read(), 220);
                    expect(d.cmd("EHLO laptop.example.test"), 250);
                    expect(d.authPlain("alice", TestMta.PASSWORD), 235);
                    expect(d.mail("alice@example.test", List.of("carol@remote.test"),
                            "From: alice@example.test\r\nSubject: resumed\r\n\r\nwaited in the queue\r\n"), 250);
                }
                Thread.sleep(1500);
                assertEquals(1, mta.server().queued(), "deferred while the MX is down");
                mta.restart(Duration.ofSeconds(1), Map.of("delivery.port", Integer.toString(remote.smtp().getPort())));
                mta.server().flushQueue();
                List<String> got = remote.awaitMaildir("carol", 1, Duration.ofSeconds(30));
                assertTrue(got.get(0).contains("waited in the queue"), got.get(0));
                mta.awaitQueueEmpty(Duration.ofSeconds(10));
            }
        }
    }
}
