package smtp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import smtp.dns.testing.Interop;

/**
 * The whole suite against a real Postfix from Debian, started on a loopback port with its own
 * configuration, queue and data directories (so the system's Postfix is untouched) and
 * stopped afterwards. Mail for the local domain is discarded. The reports go to
 * target/conformance-reports/postfix*.md for conformance/README.md. Skips locally without
 * Postfix (or without root, which Postfix's master needs), fails in CI ({@link Interop}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostfixInteropTest {

    static Path postfix;
    static Path dir;
    static int port;

    @BeforeAll
    static void startPostfix() throws Exception {
        postfix = Interop.requireExecutable("postfix");
        Interop.assume("root".equals(System.getProperty("user.name")), "root (Postfix's master runs as root)");
        UserPrincipalLookupService users = java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
        dir = Peers.scratch("smtp-conformance-postfix");
        for (String sub : List.of("conf", "queue", "data")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.setOwner(dir.resolve("data"), users.lookupPrincipalByName("postfix"));
        Peers.selfSignedCertificate(dir.resolve("conf/cert.pem"), dir.resolve("conf/key.pem"));
        port = Peers.freePort();
        Files.writeString(dir.resolve("conf/main.cf"), mainCf(false), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("conf/master.cf"), masterCf(), StandardCharsets.UTF_8);
        Peers.run(List.of(postfix.toString(), "-c", dir.resolve("conf").toString(), "start"), Duration.ofSeconds(60));
        assertTrue(Peers.waitForPort(port, Duration.ofSeconds(30)), "Postfix did not listen on " + port + "\n" + log());
    }

    static String mainCf(boolean forbidBareNewline) {
        return """
                # A throw-away Postfix instance for the conformance runner: loopback only, mail discarded.
                compatibility_level = 3.6
                queue_directory = %1$s/queue
                data_directory = %1$s/data
                mail_owner = postfix
                setgid_group = postdrop
                myhostname = postfix.conformance.test
                mydomain = conformance.test
                myorigin = $mydomain
                mydestination = conformance.test
                inet_interfaces = loopback-only
                inet_protocols = ipv4
                mynetworks = 127.0.0.0/8
                local_recipient_maps =
                local_transport = discard:
                default_transport = discard:
                relay_transport = discard:
                alias_maps =
                alias_database =
                maillog_file = %1$s/postfix.log
                maillog_file_prefixes = %1$s
                smtpd_error_sleep_time = 0
                smtpd_soft_error_limit = 1000
                smtpd_hard_error_limit = 1000
                message_size_limit = 200000
                smtpd_tls_cert_file = %1$s/conf/cert.pem
                smtpd_tls_key_file = %1$s/conf/key.pem
                smtpd_tls_security_level = may
                %2$s
                """.formatted(dir, forbidBareNewline
                ? "smtpd_forbid_bare_newline = yes\nsmtpd_forbid_bare_newline_exclusions ="
                : "# smtpd_forbid_bare_newline: the package default");
    }

    static String masterCf() {
        return """
                127.0.0.1:%d inet n - n - - smtpd
                pickup    unix  n       -       n       60      1       pickup
                cleanup   unix  n       -       n       -       0       cleanup
                qmgr      unix  n       -       n       300     1       qmgr
                tlsmgr    unix  -       -       n       1000?   1       tlsmgr
                rewrite   unix  -       -       n       -       -       trivial-rewrite
                bounce    unix  -       -       n       -       0       bounce
                defer     unix  -       -       n       -       0       bounce
                trace     unix  -       -       n       -       0       bounce
                verify    unix  -       -       n       -       1       verify
                flush     unix  n       -       n       1000?   0       flush
                proxymap  unix  -       -       n       -       -       proxymap
                smtp      unix  -       -       n       -       -       smtp
                showq     unix  n       -       n       -       -       showq
                error     unix  -       -       n       -       -       error
                retry     unix  -       -       n       -       -       error
                discard   unix  -       -       n       -       -       discard
                anvil     unix  -       -       n       -       1       anvil
                scache    unix  -       -       n       -       1       scache
                postlog   unix-dgram n  -       n       -       1       postlogd
                """.formatted(port);
    }

    static String log() {
        try {
            return Files.readString(dir.resolve("postfix.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @AfterAll
    static void stopPostfix() throws Exception {
        if (dir == null || postfix == null) {
            return;
        }
        Optional<ProcessHandle> master = masterProcess();
        try {
            Peers.run(List.of(postfix.toString(), "-c", dir.resolve("conf").toString(), "stop"), Duration.ofSeconds(60));
        } catch (java.io.IOException e) {
            // "stop" fails when the instance never started; the master check below still runs.
        }
        if (master.isPresent()) {
            ProcessHandle m = master.get();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (m.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (m.isAlive()) {
                // Only this instance's master, by the pid it wrote: never a broad kill.
                m.destroyForcibly();
            }
        }
        Peers.deleteTree(dir);
    }

    static Optional<ProcessHandle> masterProcess() {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("queue/pid/master.pid")).strip());
            return ProcessHandle.of(pid);
        } catch (java.io.IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Options options() {
        return Peers.options("rcpt@conformance.test");
    }

    static Set<String> mustFailures(RunResult r) {
        return r.mustFailures().stream().map(x -> x.scenario().id()).collect(Collectors.toSet());
    }

    @Test
    @Order(1)
    void wholeSuiteWithPackageDefaults() throws Exception {
        RunResult r = ConformanceRunner.run(Target.of("127.0.0.1", port), options());
        Peers.report("postfix", r);
        assertTrue(r.error().isEmpty(), r.error() + "\n" + log());
        for (String id : List.of("d1-typical-transaction", "d3-relayed-mail-relay-to-destination", "rcpt-before-mail-503",
                "nested-mail-503", "rset-clears-transaction", "pipelining-transaction", "pipelining-errors-in-group",
                "size-declared-over-limit", "size-exceeded-in-data", "enhanced-status-on-replies", "dsn-transaction",
                "bdat-then-data", "starttls-upgrade", "starttls-plaintext-injection", "smtputf8-message", "recipients-100")) {
            assertInstanceOf(Outcome.Pass.class, r.result(id).orElseThrow().outcome(), id + "\n" + Reports.summary(r));
        }
        // strict_rfc821_envelopes = no accepts MAIL FROM without brackets (RFC 5321 §4.1.2 requires them).
        assertInstanceOf(Outcome.Fail.class, r.result("mail-syntax-501").orElseThrow().outcome());
        // No SASL is configured: the AUTH scenarios are n/a.
        assertInstanceOf(Outcome.NotApplicable.class, r.result("auth-cancel").orElseThrow().outcome());
        // With the package default of smtpd_forbid_bare_newline, Postfix 3.7 ends DATA on a bare
        // LF; later versions default to rejecting it. Either way the result is in the report.
    }

    @Test
    @Order(2)
    void everyTlsModeWorksAgainstPostfix() throws Exception {
        RunResult r = ConformanceRunner.run(new Target("127.0.0.1", port, TlsMode.STARTTLS),
                options().withOnly(Set.of("appendix-d", "rset", "starttls")));
        Peers.report("postfix-starttls", r);
        assertTrue(r.error().isEmpty(), r.error() + "\n" + log());
        assertEquals(Set.of(), mustFailures(r), Reports.summary(r));
        assertTrue(r.passed() >= 10, Reports.summary(r));
    }

    @Test
    @Order(3)
    void smugglingProbesPassWithForbidBareNewline() throws Exception {
        Files.writeString(dir.resolve("conf/main.cf"), mainCf(true), StandardCharsets.UTF_8);
        Peers.run(List.of(postfix.toString(), "-c", dir.resolve("conf").toString(), "reload"), Duration.ofSeconds(60));
        Thread.sleep(2000); // the master restarts smtpd processes after a reload
        RunResult r = ConformanceRunner.run(Target.of("127.0.0.1", port), options().withOnly(Set.of("smuggling")));
        Peers.report("postfix-forbid-bare-newline", r);
        assertEquals(14, r.results().size());
        assertEquals(Set.of(), mustFailures(r), Reports.summary(r) + "\n" + log());
    }
}
