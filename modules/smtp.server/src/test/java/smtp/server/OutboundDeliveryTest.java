package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.testing.Interop;
import smtp.dns.testing.NsdServer;
import smtp.server.testing.Peers;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * Outbound delivery through the queue with real peers: the MX of the destination is found with
 * a real DNS server (NSD on loopback, through the server's own network resolver and
 * {@code dns.servers}), and a real SMTP server, aiosmtpd, takes the message on
 * {@code delivery.port}; a domain with a null MX bounces back to the sender's Maildir; with
 * {@code relay.host} everything goes to the smart host, with AUTH after STARTTLS.
 */
class OutboundDeliveryTest {

    @Test
    @Tag("5321-5.1-server")
    void theQueueDeliversToTheMxFoundInDns() throws Exception {
        Path python = Interop.debianPython();
        int mxPort = Peers.freePort();
        Path store = Files.createTempDirectory("aiosmtpd-");
        try (NsdServer nsd = NsdServer.builder().zone("remote.test", """
                @     MX 10 mx.remote.test.
                mx    A  127.0.0.1
                """).zone("nullmx.test", """
                @     MX 0 .
                """).start()) {
            Path log = store.resolve("aiosmtpd.log");
            Process aiosmtpd = new ProcessBuilder(python.toString(), "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + mxPort,
                    "-c", "aiosmtpd.handlers.Mailbox", store.resolve("maildir").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (TestMta mta = TestMta.builder().configuredDns("127.0.0.1:" + nsd.port())
                    .set("delivery.port", Integer.toString(mxPort)).start()) {
                Peers.awaitPort(mxPort, Duration.ofSeconds(30), aiosmtpd, log);
                try (SmtpDialog d = SmtpDialog.connectTls(mta.smtps())) {
                    expect(d.read(), 220);
                    expect(d.cmd("EHLO laptop.example.test"), 250);
                    expect(d.authPlain("alice", TestMta.PASSWORD), 235);
                    expect(d.mail("alice@example.test", List.of("carol@remote.test", "dan@remote.test"),
                            "From: alice@example.test\r\nTo: carol@remote.test, dan@remote.test\r\nSubject: outbound\r\n"
                                    + "\r\nTo the MX in DNS.\r\n"), 250);
                    expect(d.mail("alice@example.test", List.of("nobody@nullmx.test"),
                            "From: alice@example.test\r\nTo: nobody@nullmx.test\r\nSubject: to a null MX\r\n\r\nbounces\r\n"), 250);
                }
                List<String> got = awaitMessages(store.resolve("maildir").resolve("new"), 1, Duration.ofSeconds(60));
                String m = got.get(0);
                // One transaction for both recipients of remote.test (RFC 5321 §4.5.4.1).
                assertTrue(m.contains("X-RcptTo: carol@remote.test, dan@remote.test"), m);
                assertTrue(m.contains("X-MailFrom: alice@example.test"), m);
                assertTrue(m.contains("Subject: outbound") && m.contains("To the MX in DNS."), m);
                assertTrue(m.contains("by mx.example.test (smtp-ref)"), m);
                // RFC 7505: the null MX fails at once; the DSN goes back to alice.
                String dsn = mta.awaitMaildir("alice", 1, Duration.ofSeconds(30)).get(0);
                assertTrue(dsn.contains("nobody@nullmx.test") && dsn.contains("5.1.10"), dsn);
                mta.awaitQueueEmpty(Duration.ofSeconds(20));
                assertEquals(1, awaitMessages(store.resolve("maildir").resolve("new"), 1, Duration.ofSeconds(1)).size());
            } finally {
                Peers.stop(aiosmtpd);
            }
        } finally {
            TestMta.delete(store);
        }
    }

    @Test
    @Tag("4954-4-relayhost-server")
    void everythingGoesToTheSmartHostWithAuthOverStartTls() throws Exception {
        // The smart host: another instance whose submission listener takes alice's mail (it
        // counts example.test as its own, so that alice may send as alice@example.test there).
        try (TestMta smart = TestMta.builder().set("server.hostname", "smarthost.remote.test")
                .set("domains.local", "remote.test, example.test").user("carol", TestMta.PASSWORD).start()) {
            // No DNS at all: relay.host is an address, and no MX is looked up for remote.test.
            try (TestMta mta = TestMta.builder()
                    .set("relay.host", "127.0.0.1:" + smart.submission().getPort())
                    .set("relay.username", "alice").set("relay.password", TestMta.PASSWORD).start()) {
                try (SmtpDialog d = SmtpDialog.connectTls(mta.smtps())) {
                    expect(d.read(), 220);
                    expect(d.cmd("EHLO laptop.example.test"), 250);
                    expect(d.authPlain("alice", TestMta.PASSWORD), 235);
                    expect(d.mail("alice@example.test", List.of("carol@remote.test"),
                            "From: alice@example.test\r\nTo: carol@remote.test\r\nSubject: via the smart host\r\n"
                                    + "\r\nThrough relay.host.\r\n"), 250);
                }
                String m = InboundDeliveryTest.unfold(smart.awaitMaildir("carol", 1, Duration.ofSeconds(60)).get(0));
                assertTrue(m.contains("Subject: via the smart host") && m.contains("Through relay.host."), m);
                // The smart host saw our queue's EHLO name, TLS (RFC 3207) and AUTH (RFC 4954): ESMTPSA (RFC 3848).
                assertTrue(m.contains("Received: from mx.example.test ([127.0.0.1]) by smarthost.remote.test (smtp-ref) with ESMTPSA"),
                        m);
                mta.awaitQueueEmpty(Duration.ofSeconds(20));
            }
        }
    }

    private static List<String> awaitMessages(Path dir, int count, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> out = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        out.add(Files.readString(p, StandardCharsets.UTF_8));
                    }
                }
            }
            if (out.size() >= count || System.nanoTime() > end) {
                if (out.size() < count) {
                    throw new AssertionError("the MX received " + out.size() + " message(s), expected " + count);
                }
                return out;
            }
            Thread.sleep(100);
        }
    }
}
