package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.dns.testing.Interop;
import smtp.session.testing.InMemoryMessageStore;
import smtp.session.testing.SelfSignedTls;
import smtp.session.testing.SocketDriver;
import smtp.wire.Domain;

/**
 * swaks, a real SMTP client, against the server machine on a loopback socket: pipelining,
 * STARTTLS with a real TLS handshake, AUTH PLAIN and LOGIN.
 */
class SwaksInteropTest {

    @TempDir
    static Path dir;
    static ServerSocket listener;
    static final InMemoryMessageStore STORE = new InMemoryMessageStore();
    static Path swaks;

    @BeforeAll
    static void start() throws Exception {
        swaks = Interop.requireExecutable("swaks");
        SelfSignedTls tls = SelfSignedTls.create(dir);
        CredentialStore users = CredentialStores.of(Map.of("tim",
                ScramCredential.derive("tanstaaftanstaaf", "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4096)));
        ServerConfig config = ServerConfig.defaults(new Domain("mx.example.org")).with(Extension.STARTTLS).with(Extension.AUTH);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    Thread.ofVirtual().start(() -> {
                        try {
                            SocketDriver.serve(s, new ServerSession(config, ConnectionInfo.cleartext(s.getInetAddress()),
                                    Policy.ACCEPT_ALL, STORE, users), tls.server);
                        } catch (IOException e) {
                            // the client went away; nothing to do
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stop() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    private static String swaks(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(swaks.toString(), "--server", "127.0.0.1", "--port",
                String.valueOf(listener.getLocalPort()), "--ehlo", "client.example", "--from", "a@example.com",
                "--timeout", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "swaks did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String stored(String marker) {
        return STORE.messages().stream().map(InMemoryMessageStore.Stored::text).filter(t -> t.contains(marker))
                .findFirst().orElseThrow(() -> new AssertionError("no stored message with " + marker));
    }

    @Test
    @Tag("2920-3.2")
    void pipelinedTransactionFromSwaks_rfc2920() throws Exception {
        String out = swaks("--to", "b@example.org,c@example.org", "--pipeline", "--header", "Subject: pipelined-1",
                "--body", "first line\n.leading dot\n");
        assertTrue(out.contains("250 2.0.0 OK: queued as"), out);
        String text = stored("pipelined-1");
        assertTrue(text.contains("\r\n.leading dot\r\n"), text);
    }

    @Test
    @Tag("3207-4.2a")
    @Tag("4954-4c")
    void startTlsThenAuthPlainFromSwaks_rfc3207_rfc4954() throws Exception {
        String out = swaks("--to", "b@example.org", "--tls", "--auth", "PLAIN", "--auth-user", "tim",
                "--auth-password", "tanstaaftanstaaf", "--header", "Subject: tls-plain-2");
        assertTrue(out.contains("235 2.7.0"), out);
        var e = STORE.messages().stream().filter(m -> m.text().contains("tls-plain-2")).findFirst().orElseThrow().envelope();
        assertEquals("tim", e.origin().authIdentity().orElseThrow());
        assertTrue(e.origin().tls().isPresent());
        assertEquals("ESMTPSA", e.withProtocol());
    }

    @Test
    @Tag("4954-4d")
    void authLoginOverTlsFromSwaks() throws Exception {
        String out = swaks("--to", "b@example.org", "--tls", "--auth", "LOGIN", "--auth-user", "tim",
                "--auth-password", "tanstaaftanstaaf", "--header", "Subject: tls-login-3");
        assertTrue(out.contains("334 VXNlcm5hbWU6") && out.contains("334 UGFzc3dvcmQ6"), out);
        stored("tls-login-3");
    }
}
