package smtp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS scenarios against a server with a self-signed certificate. Without {@code --insecure}
 * the runner does not trust it, and that is the runner's own decision (RFC 3207 §4.1: "the
 * decision of whether or not to believe the authenticity of the other party in a TLS
 * negotiation is a local matter"), not a failure of the server: the scenarios are n/a and say
 * how to test them. A server that breaks the handshake itself still fails.
 */
class StartTlsCertificateTest {

    static final Set<String> SCENARIOS = Set.of("starttls-upgrade", "starttls-not-advertised-after-tls");

    @TempDir
    static Path dir;

    static SSLContext serverTls;

    @BeforeAll
    static void certificate() throws Exception {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "s",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    private static RunResult run(StartTlsServer server, boolean insecure) {
        return ConformanceRunner.run(Target.of("127.0.0.1", server.port()), Options.defaults()
                .withTrustAnyCertificate(insecure).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withOnly(SCENARIOS));
    }

    @Test
    void anUntrustedCertificateMakesTheStartTlsScenariosNotApplicable_rfc3207_4_1() throws Exception {
        try (StartTlsServer server = new StartTlsServer(false)) {
            RunResult r = run(server, false);
            for (String id : SCENARIOS) {
                Outcome.NotApplicable n = assertInstanceOf(Outcome.NotApplicable.class, r.result(id).orElseThrow().outcome(),
                        Reports.summary(r));
                assertTrue(n.reason().contains("not trusted") && n.reason().contains("--insecure"), n.reason());
            }
            assertEquals(RunResult.EXIT_OK, r.exitCode(), Reports.summary(r));
        }
    }

    @Test
    void withInsecureTheSameServerIsTestedAndPasses() throws Exception {
        try (StartTlsServer server = new StartTlsServer(false)) {
            RunResult r = run(server, true);
            for (String id : SCENARIOS) {
                assertInstanceOf(Outcome.Pass.class, r.result(id).orElseThrow().outcome(), Reports.summary(r));
            }
        }
    }

    @Test
    void aServerThatBreaksTheHandshakeStillFails_rfc3207_4() throws Exception {
        try (StartTlsServer server = new StartTlsServer(true)) {
            for (boolean insecure : List.of(false, true)) {
                RunResult r = run(server, insecure);
                Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, r.result("starttls-upgrade").orElseThrow().outcome(),
                        Reports.summary(r));
                assertTrue(f.observed().contains("TLS handshake failed"), f.toString());
                assertEquals(RunResult.EXIT_MUST_FAILED, r.exitCode());
            }
        }
    }

    /** Greeting, EHLO with STARTTLS, then the TLS handshake (or, when broken, a close instead). */
    private static final class StartTlsServer implements AutoCloseable {
        private final ServerSocket server;
        private final boolean closeInsteadOfHandshake;

        StartTlsServer(boolean closeInsteadOfHandshake) throws IOException {
            this.closeInsteadOfHandshake = closeInsteadOfHandshake;
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket accepted) {
            try (accepted) {
                Socket s = accepted;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                reply(out, "220 localhost ESMTP test");
                String line;
                while ((line = readLine(in)) != null) {
                    String cmd = line.toUpperCase(Locale.ROOT);
                    if (cmd.startsWith("EHLO ")) {
                        reply(out, s instanceof SSLSocket ? "250 localhost" : "250-localhost\r\n250 STARTTLS");
                    } else if (cmd.equals("STARTTLS") && !(s instanceof SSLSocket)) {
                        reply(out, "220 2.0.0 Ready to start TLS");
                        if (closeInsteadOfHandshake) {
                            return;
                        }
                        SSLSocket ssl = (SSLSocket) serverTls.getSocketFactory().createSocket(s, null, s.getPort(), false);
                        ssl.setUseClientMode(false);
                        ssl.startHandshake();
                        s = ssl;
                        in = ssl.getInputStream();
                        out = ssl.getOutputStream();
                    } else if (cmd.startsWith("MAIL FROM:")) {
                        reply(out, "250 2.1.0 Ok");
                    } else if (cmd.equals("QUIT")) {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    } else {
                        reply(out, "502 5.5.1 Not implemented");
                    }
                }
            } catch (IOException e) {
                // the client went away, or did not trust the certificate
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
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
            server.close();
        }
    }
}
