package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.session.ClientConfig;
import smtp.session.ClientSession;
import smtp.session.DeliveryResult;
import smtp.session.Envelope;
import smtp.session.MessageBody;
import smtp.session.Origin;
import smtp.session.OutboundMessage;
import smtp.session.Recipient;
import smtp.session.RecipientResult;
import smtp.session.Stage;
import smtp.session.Timeouts;
import smtp.wire.Domain;
import smtp.wire.Mailbox;
import smtp.wire.Path;

/**
 * The write deadline of an outbound connection (RFC 5321 §4.5.3.2.5, data block): a server that
 * answers 354 and then stops reading must not hold the delivery thread, in cleartext and after
 * STARTTLS (where closing the TLS socket itself would wait for the stuck write's lock).
 */
class ClientConnectionTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    @Tag("5321-4.5.3.2.5")
    void aServerThatStopsReadingIsCutOffAtTheWriteDeadline_rfc5321_4_5_3_2_5() throws Exception {
        try (StallingPeer peer = new StallingPeer(Optional.empty())) {
            assertStuckWriteIsCutOff(peer);
        }
    }

    @Test
    @Tag("5321-4.5.3.2.5")
    void theWriteDeadlineAlsoHoldsAfterStartTls_rfc5321_4_5_3_2_5() throws Exception {
        try (StallingPeer peer = new StallingPeer(Optional.of(serverContext(dir)))) {
            assertStuckWriteIsCutOff(peer);
            // RFC 8996: TLS 1.2 or later only.
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(peer.protocol), peer.protocol);
        }
    }

    private static void assertStuckWriteIsCutOff(StallingPeer peer) {
        // 16 MiB: more than the socket buffers hold while the peer does not read.
        OutboundMessage message = new OutboundMessage(Envelope.of(Path.of(new Mailbox("alice", new Domain("example.org"))),
                List.of(Recipient.of(Path.of(new Mailbox("bob", new Domain("example.net"))))),
                new Origin(new Domain("mx.example.org"), true, InetAddress.getLoopbackAddress(), Optional.empty(),
                        Optional.empty())), new LargeBody(16 * 1024 * 1024 / 1000));
        // Replies may take 30 s; each write only 1 s (the default is RFC 5321's 3 minutes).
        ClientConfig config = ClientConfig.defaults(new Domain("mx.example.org")).withTimeouts(Timeouts.uniform(Duration.ofSeconds(30)));
        ClientConnection c = new ClientConnection(InetAddress.getLoopbackAddress(), peer.port(), "peer.test",
                Duration.ofSeconds(10), Duration.ofSeconds(1), TrustAll.context(), false);
        ClientSession session = new ClientSession(config, List.of(message));
        long start = System.nanoTime();
        List<DeliveryResult> results = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> c.run(session, List.of(message)),
                "a server that stops reading must not hold the delivery thread");
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(0, peer.stalled.getCount(), "the peer answered 354 and stopped reading");
        RecipientResult r = results.get(0).recipients().get(0);
        assertInstanceOf(RecipientResult.TemporaryFailure.class, r);
        assertEquals(Stage.MESSAGE, r.stage());
        assertEquals("421 4.4.2", r.reply().toString().substring(0, 9));
        assertTrue(r.reply().text().contains("stopped reading"), r.reply().toString());
        // Well under the 30 s reply timeout: the write deadline ended it (generous for loaded machines).
        assertTrue(seconds < 25, "took " + seconds + " s");
    }

    /** A server certificate made with the JDK's keytool (EC P-256: quick to generate). */
    private static SSLContext serverContext(java.nio.file.Path dir) throws Exception {
        java.nio.file.Path store = dir.resolve("peer.p12");
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "peer",
                "-dname", "CN=peer.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    /** {@code lines} lines of 1000 octets, made as they are read. */
    private record LargeBody(int lines) implements MessageBody {
        private static final byte[] LINE = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);

        @Override
        public long size() {
            return (long) lines * LINE.length;
        }

        @Override
        public InputStream open() {
            long size = size();
            return new InputStream() {
                private long pos;

                @Override
                public int read() {
                    return pos < size ? LINE[(int) (pos++ % LINE.length)] : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (pos >= size) {
                        return -1;
                    }
                    int n = (int) Math.min(len, size - pos);
                    for (int i = 0; i < n; i++) {
                        b[off + i] = LINE[(int) ((pos + i) % LINE.length)];
                    }
                    pos += n;
                    return n;
                }
            };
        }
    }

    /** One connection: EHLO (with STARTTLS when it has a context), MAIL, RCPT, DATA 354, then it never reads again. */
    private static final class StallingPeer implements AutoCloseable {
        final CountDownLatch stalled = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final ServerSocket server;
        private final Optional<SSLContext> tls;
        volatile String protocol = "";

        StallingPeer(Optional<SSLContext> tls) throws IOException {
            this.tls = tls;
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            Thread.ofVirtual().name("stalling-peer").start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try (Socket accepted = server.accept()) {
                Socket s = accepted;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                write(out, "220 peer.test ESMTP");
                String line;
                while ((line = readLine(in)) != null) {
                    String cmd = line.toUpperCase(Locale.ROOT);
                    if (cmd.startsWith("EHLO")) {
                        write(out, tls.isPresent() && !(s instanceof SSLSocket) ? "250-peer.test\r\n250 STARTTLS" : "250 peer.test");
                    } else if (cmd.equals("STARTTLS")) {
                        write(out, "220 2.0.0 Ready to start TLS");
                        SSLSocket ssl = (SSLSocket) tls.orElseThrow().getSocketFactory().createSocket(s, null, s.getPort(), false);
                        ssl.setUseClientMode(false);
                        ssl.startHandshake();
                        protocol = ssl.getSession().getProtocol();
                        s = ssl;
                        in = ssl.getInputStream();
                        out = ssl.getOutputStream();
                    } else if (cmd.equals("DATA")) {
                        write(out, "354 End data with <CR><LF>.<CR><LF>");
                        stalled.countDown();
                        release.await();
                        return;
                    } else if (cmd.equals("QUIT")) {
                        write(out, "221 2.0.0 Bye");
                        return;
                    } else {
                        write(out, "250 2.0.0 Ok");
                    }
                }
            } catch (IOException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void write(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    String s = b.toString(StandardCharsets.US_ASCII);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                b.write(c);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            release.countDown();
            server.close();
        }
    }
}
