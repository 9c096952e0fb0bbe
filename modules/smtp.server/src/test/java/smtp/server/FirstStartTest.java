package smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import smtp.dns.testing.Interop;
import smtp.server.testing.ServerProcess;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * The first start with no arguments, as a person trying the server out does it: a separate JVM
 * in an empty working directory, on the embedded defaults. It must create the demo user and
 * print its password once (a password that works), make the self-signed certificate under
 * {@code ./var/tls}, log one line per listener and then a line containing "ready"; the second
 * start must do none of the first-start work again.
 *
 * <p>The defaults listen on the fixed ports 2525, 2587 and 2465: when another process holds one
 * of them the test is skipped locally (and fails in CI, where nothing else runs).
 */
class FirstStartTest {

    private static final List<Integer> DEFAULT_PORTS = List.of(2525, 2587, 2465);

    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("smtp-first-start-");
    }

    @AfterEach
    void tearDown() throws Exception {
        TestMta.delete(dir);
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Tag("3207-4-server")
    @Timeout(300)
    void theFirstStartMakesTheDemoUserAndCertificateThenSaysReady() throws Exception {
        Interop.assume(DEFAULT_PORTS.stream().allMatch(FirstStartTest::free),
                "the default ports 2525, 2587 and 2465 on 127.0.0.1 are free");
        String password;
        byte[] certificate;
        try (ServerProcess server = ServerProcess.startWithoutArguments(dir, dir.resolve("first.log"))) {
            String log = server.log();
            Matcher m = Pattern.compile("its password is (\\S+) ").matcher(log);
            assertTrue(m.find(), log);
            password = m.group(1);
            assertFalse(m.find(), "the password is printed once: " + log);
            assertTrue(log.contains("created the user demo (demo@localhost)"), log);
            assertTrue(Files.isRegularFile(dir.resolve("var/users")), "users file under ./var");
            assertFalse(Files.readString(dir.resolve("var/users")).contains(password), "only a hash is stored");
            Path tls = dir.resolve("var/tls");
            assertTrue(Files.isRegularFile(tls.resolve("cert.pem")) && Files.isRegularFile(tls.resolve("key.pem")),
                    "the self-signed certificate under ./var/tls");
            certificate = Files.readAllBytes(tls.resolve("cert.pem"));
            assertTrue(log.contains("made a self-signed TLS certificate"), log);
            // One line per listener, then "ready".
            List<String> lines = log.lines().toList();
            int ready = indexOf(lines, "smtp.server ready");
            for (String listener : List.of("listening on 127.0.0.1:2525 (smtp", "listening on 127.0.0.1:2587 (submission",
                    "listening on 127.0.0.1:2465 (submissions")) {
                assertEquals(1, lines.stream().filter(l -> l.contains(listener)).count(), listener + " in\n" + log);
                assertTrue(indexOf(lines, listener) < ready, "listeners before ready:\n" + log);
            }
            assertEquals(3, lines.stream().filter(l -> l.contains("listening on ")).count(), log);
            // The printed password works, on the implicit-TLS submission port.
            try (SmtpDialog d = SmtpDialog.connectTls(new InetSocketAddress("127.0.0.1", 2465))) {
                expect(d.read(), 220);
                expect(d.cmd("EHLO client.example"), 250);
                expect(d.authPlain("demo", password), 235);
            }
            assertEquals(143, server.terminate(Duration.ofSeconds(60)));
        }
        try (ServerProcess again = ServerProcess.startWithoutArguments(dir, dir.resolve("second.log"))) {
            String log = again.log();
            assertFalse(log.contains("password"), "no password on the second start: " + log);
            assertFalse(log.contains("created the user"), log);
            assertFalse(log.contains("made a self-signed TLS certificate"), log);
            assertArrayEquals(certificate, Files.readAllBytes(dir.resolve("var/tls/cert.pem")), "the certificate is kept");
            try (SmtpDialog d = SmtpDialog.connect(new InetSocketAddress("127.0.0.1", 2587))) {
                expect(d.read(), 220);
                expect(d.cmd("EHLO client.example"), 250);
                d.startTls();
                expect(d.cmd("EHLO client.example"), 250);
                expect(d.authPlain("demo", password), 235);
            }
            assertEquals(143, again.terminate(Duration.ofSeconds(60)));
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with \"" + text + "\" in\n" + String.join("\n", lines));
    }
}
