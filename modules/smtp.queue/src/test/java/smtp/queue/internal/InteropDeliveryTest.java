package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.dns.MxResolver;
import smtp.dns.testing.Interop;
import smtp.dns.testing.NsdServer;
import smtp.queue.DeliveryConfig;
import smtp.queue.Envelope;
import smtp.queue.Incoming;
import smtp.queue.MailQueue;
import smtp.queue.QueueConfig;
import smtp.queue.Router;
import smtp.queue.SmtpTransport;
import smtp.wire.Notify;

/**
 * Interop: the queue delivers to a real aiosmtpd (Debian python3-aiosmtpd) on loopback, which
 * requires STARTTLS (self-signed certificate), found as the MX of {@code interop.test} through
 * a real NSD. The DSN that NOTIFY=SUCCESS asks for comes back through the same route.
 * Skips locally without the peers; fails in CI ({@link Interop}).
 */
class InteropDeliveryTest {

    @TempDir
    Path dir;

    @Test
    @Tag("3461-5.2.2")
    @Tag("5321-4.5.4.1d")
    void deliversToAiosmtpdFoundThroughNsdOverStartTls() throws Exception {
        Path python = Interop.debianPython();
        Path openssl = Interop.requireExecutable("openssl");
        Interop.assume(new ProcessBuilder(python.toString(), "-c", "import aiosmtpd").start().waitFor() == 0,
                "python3-aiosmtpd");
        InetAddress mxAddress = InetAddress.getByName("127.0.0.5");
        int port;
        port = Fixtures.freePort(mxAddress);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process gen = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=mx.interop.test", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertTrue(gen.waitFor(60, TimeUnit.SECONDS) && gen.exitValue() == 0, "openssl failed");
        Path maildir = dir.resolve("maildir");
        Process smtpd = new ProcessBuilder(python.toString(), "-m", "aiosmtpd", "-n", "-l", "127.0.0.5:" + port,
                "--tlscert", cert.toString(), "--tlskey", key.toString(),
                "-c", "aiosmtpd.handlers.Mailbox", maildir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("aiosmtpd.log").toFile()).start();
        try (NsdServer nsd = NsdServer.builder().zone("interop.test", """
                @    MX  10 mx.interop.test.
                mx   A   127.0.0.5
                """).start()) {
            awaitListening(mxAddress, port, smtpd);
            DeliveryConfig delivery = DeliveryConfig.defaults("mta.local.test").withPort(port);
            SmtpTransport smtp = SmtpTransport.create(delivery, new MxResolver(nsd.resolver(), Set.of("mta.local.test")),
                    nsd.resolver());
            try (MailQueue queue = MailQueue.open(QueueConfig.of(dir.resolve("spool"), "mta.local.test"),
                    Router.localAndRemote(Set.of(), smtp, smtp, false))) {
                queue.start();
                Envelope env = Fixtures.envelope("alice@interop.test", Fixtures.rcpt("bob@interop.test", Notify.SUCCESS, Notify.FAILURE));
                try (Incoming in = queue.receive(env, Fixtures.origin())) {
                    in.content().write(Fixtures.message("interop", "Delivered by smtp-ref to aiosmtpd.\r\n..a line with a dot"));
                    in.commit();
                }
                List<String> mails = awaitMail(maildir.resolve("new"), 2, smtpd, dir.resolve("aiosmtpd.log"));
                String original = mails.stream().filter(m -> m.contains("Subject: interop") && !m.contains("multipart/report")).findFirst().orElseThrow();
                assertTrue(original.contains("X-MailFrom: alice@interop.test"), original);
                assertTrue(original.contains("X-RcptTo: bob@interop.test"), original);
                assertTrue(original.contains("\n..a line with a dot"), "the content arrives as queued (stuffed on the wire, unstuffed by the peer): " + original);
                String dsn = mails.stream().filter(m -> m.contains("multipart/report")).findFirst().orElseThrow();
                assertTrue(dsn.contains("X-MailFrom: \n") || dsn.contains("X-MailFrom: \r\n") || dsn.contains("X-MailFrom:\n")
                        || dsn.contains("X-MailFrom: <>"), "the DSN came with MAIL FROM:<>: " + dsn.lines().limit(8).toList());
                ParsedDsn d = new ParsedDsn(dsn.replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.UTF_8));
                assertEquals("relayed", d.perRecipient.get(0).get("action"), "aiosmtpd does not offer DSN");
                assertEquals("dns; mx.interop.test", d.perRecipient.get(0).get("remote-mta"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!queue.entries().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(queue.entries().isEmpty(), "both messages left the queue");
            }
        } finally {
            smtpd.destroyForcibly();
            smtpd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(InetAddress address, int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "aiosmtpd exited");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("aiosmtpd did not listen on " + port);
    }

    private static List<String> awaitMail(Path dir, int count, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                List<String> mails = new ArrayList<>();
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        mails.add(Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
                if (mails.size() >= count) {
                    return mails;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " messages in " + dir + "; aiosmtpd log:\n" + Files.readString(log));
    }
}
