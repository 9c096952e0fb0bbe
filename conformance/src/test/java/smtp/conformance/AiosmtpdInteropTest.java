package smtp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smtp.dns.testing.Interop;

/**
 * The whole suite against aiosmtpd (Debian python3-aiosmtpd) on loopback, in all three TLS
 * modes; the reports go to target/conformance-reports/aiosmtpd*.md for conformance/README.md.
 * Skips locally without aiosmtpd, fails in CI ({@link Interop}).
 */
class AiosmtpdInteropTest {

    static Process peer;
    static int port;
    static int smtpsPort;
    static Path dir;

    @BeforeAll
    static void startAiosmtpd() throws Exception {
        Path python = Interop.debianPython();
        Process probe = new ProcessBuilder(python.toString(), "-c", "import aiosmtpd").redirectErrorStream(true).start();
        Interop.assume(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0, "python3-aiosmtpd");
        dir = Peers.scratch("smtp-conformance-aiosmtpd");
        Peers.selfSignedCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Path script = dir.resolve("aiosmtpd_peer.py");
        try (InputStream in = AiosmtpdInteropTest.class.getResourceAsStream("aiosmtpd_peer.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        port = Peers.freePort();
        smtpsPort = Peers.freePort();
        peer = new ProcessBuilder(python.toString(), script.toString(), Integer.toString(port), Integer.toString(smtpsPort),
                dir.resolve("cert.pem").toString(), dir.resolve("key.pem").toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return "io error: " + e.getMessage();
            }
        }).get(30, TimeUnit.SECONDS);
        assertEquals("ready", first, "aiosmtpd did not start");
        // Keep draining its output so that it never blocks on a full pipe.
        Thread.ofVirtual().start(() -> out.lines().forEach(line -> { }));
    }

    @AfterAll
    static void stopAiosmtpd() throws Exception {
        if (peer != null) {
            peer.destroy();
            if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                peer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Peers.deleteTree(dir);
    }

    static Options options() {
        return Peers.options("rcpt@aiosmtpd.conformance.test").withCredentials("conformance", "conformance-secret");
    }

    static Set<String> failed(RunResult r) {
        return r.results().stream().filter(x -> x.outcome() instanceof Outcome.Fail).map(x -> x.scenario().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void wholeSuitePlaintextWithStarttlsScenarios() throws Exception {
        RunResult r = ConformanceRunner.run(Target.of("127.0.0.1", port), options());
        Peers.report("aiosmtpd", r);
        assertTrue(r.error().isEmpty(), r.error().toString());
        // What aiosmtpd 1.4 gets right, among others: Appendix D, sequencing, smuggling, STARTTLS, AUTH.
        for (String id : List.of("d1-typical-transaction", "d4-verify-and-send", "rcpt-before-mail-503", "nested-mail-503",
                "rset-clears-transaction", "smuggling-lf-dot-lf", "smuggling-cr-crlf-dot-cr-crlf", "starttls-upgrade",
                "starttls-plaintext-injection", "starttls-not-advertised-after-tls", "auth-plain", "auth-cancel",
                "auth-twice", "size-declared-over-limit", "smtputf8-utf8-mailbox", "recipients-100")) {
            assertInstanceOf(Outcome.Pass.class, r.result(id).orElseThrow().outcome(), id + "\n" + Reports.summary(r));
        }
        // Its known departures, explained in conformance/README.md.
        assertEquals(Set.of("auth-during-transaction", "mail-syntax-501", "rejected-mail-keeps-state"),
                r.mustFailures().stream().map(x -> x.scenario().id()).collect(Collectors.toSet()), Reports.summary(r));
        assertTrue(failed(r).containsAll(Set.of("help-211-214", "mail-unknown-parameter-555", "non-ascii-envelope-rejected")),
                failed(r).toString());
        // It does not advertise PIPELINING, ENHANCEDSTATUSCODES, DSN or CHUNKING.
        assertInstanceOf(Outcome.NotApplicable.class, r.result("pipelining-transaction").orElseThrow().outcome());
        assertInstanceOf(Outcome.NotApplicable.class, r.result("bdat-single-chunk").orElseThrow().outcome());
    }

    @Test
    void coreAndAuthInsideStarttls() throws Exception {
        RunResult r = ConformanceRunner.run(new Target("127.0.0.1", port, TlsMode.STARTTLS),
                options().withOnly(Set.of("appendix-d", "auth", "rset", "starttls")));
        Peers.report("aiosmtpd-starttls", r);
        assertTrue(r.error().isEmpty(), r.error().toString());
        assertInstanceOf(Outcome.Pass.class, r.result("d1-typical-transaction").orElseThrow().outcome(), Reports.summary(r));
        assertInstanceOf(Outcome.Pass.class, r.result("auth-plain").orElseThrow().outcome(), Reports.summary(r));
        // The STARTTLS scenarios start in plaintext even in this mode.
        assertInstanceOf(Outcome.Pass.class, r.result("starttls-upgrade").orElseThrow().outcome(), Reports.summary(r));
    }

    @Test
    void coreOverImplicitTls() throws Exception {
        RunResult r = ConformanceRunner.run(new Target("127.0.0.1", smtpsPort, TlsMode.IMPLICIT),
                options().withOnly(Set.of("appendix-d", "starttls")));
        Peers.report("aiosmtpd-implicit", r);
        assertTrue(r.error().isEmpty(), r.error().toString());
        assertInstanceOf(Outcome.Pass.class, r.result("d2-aborted-transaction").orElseThrow().outcome(), Reports.summary(r));
        assertEquals(new Outcome.NotApplicable("starts in plaintext (it tests STARTTLS), impossible with --tls implicit"),
                r.result("starttls-upgrade").orElseThrow().outcome());
    }

    @Test
    void certificatesAreVerifiedUnlessAskedNotTo() throws Exception {
        RunResult r = ConformanceRunner.run(new Target("127.0.0.1", smtpsPort, TlsMode.IMPLICIT),
                options().withTrustAnyCertificate(false).withOnly(Set.of("greeting-220")));
        assertEquals(RunResult.EXIT_UNREACHABLE, r.exitCode());
        assertTrue(r.error().orElseThrow().contains("cannot connect"), r.error().toString());
    }
}
