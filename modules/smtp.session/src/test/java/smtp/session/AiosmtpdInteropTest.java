package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.dns.testing.Interop;
import smtp.session.testing.SelfSignedTls;
import smtp.session.testing.SocketDriver;
import smtp.wire.Domain;

/**
 * The client machine delivering to aiosmtpd, a real SMTP server, on loopback: STARTTLS with a
 * real handshake (aiosmtpd requires it once it has a certificate), SMTPUTF8, two messages with
 * several recipients each on one connection.
 */
class AiosmtpdInteropTest {

    @Test
    @Tag("3207-4.1")
    @Tag("6531-3.2")
    @Tag("5321-3.3c")
    void deliversOverStartTlsWithSmtpUtf8(@TempDir Path dir) throws Exception {
        Path python = Interop.debianPython();
        Process probe = new ProcessBuilder(python.toString(), "-c", "import aiosmtpd").redirectErrorStream(true).start();
        Interop.assume(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "python3-aiosmtpd");
        SelfSignedTls tls = SelfSignedTls.create(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Process server = new ProcessBuilder(python.toString(), "-m", "aiosmtpd", "-n", "-u", "-l", "127.0.0.1:" + port,
                "--tlscert", tls.certPem.toString(), "--tlskey", tls.keyPem.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (InputStream in = server.getInputStream()) {
                in.transferTo(log);
            } catch (IOException e) {
                // process ended
            }
        });
        try {
            waitForPort(port);
            ClientSession c = new ClientSession(ClientConfig.defaults(new Domain("relay.example.com")), List.of(
                    ClientHarness.message("a@example.com", "Subject: first\r\n\r\nhello\r\n.dot line\r\n", "b@example.org", "c@example.org"),
                    ClientHarness.message("jos\u00e9@example.com", "Subject: second\r\n\r\nhola\r\n", "\u7528\u6237@example.org")));
            SocketDriver.deliver("127.0.0.1", port, c, SelfSignedTls.trustAll());
            assertTrue(c.isDone());
            assertEquals(2, c.results().size(), c.results().toString());
            for (DeliveryResult r : c.results()) {
                assertTrue(r.allDelivered(), r.recipients().toString());
                assertTrue(r.tls().isPresent(), "STARTTLS was offered and used");
            }
            assertTrue(c.capabilities().orElseThrow().offers(Extension.SMTPUTF8));
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            pump.join(10_000);
        }
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("hello") && out.contains(".dot line") && out.contains("hola"), out);
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("aiosmtpd did not start on port " + port);
    }
}
