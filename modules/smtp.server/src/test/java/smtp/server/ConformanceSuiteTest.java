package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.conformance.ConformanceRunner;
import smtp.conformance.Options;
import smtp.conformance.Outcome;
import smtp.conformance.Reports;
import smtp.conformance.RunResult;
import smtp.conformance.ScenarioResult;
import smtp.conformance.Target;
import smtp.conformance.TlsMode;
import smtp.server.testing.TestMta;

/**
 * The RFC 5321 scenario suite of {@code smtp.conformance}, run against this server: the whole
 * suite on the SMTP listener (clear text, with the STARTTLS scenarios upgrading themselves),
 * and the whole suite on both submission listeners (STARTTLS and implicit TLS) with
 * credentials: there MAIL before AUTH gets "530 5.7.0 Authentication required" (RFC 4954 §6,
 * RFC 6409 §4.3), and the runner repeats such a scenario authenticating after EHLO.
 * Every scenario must pass or be not applicable; none may fail. The reports go to
 * {@code target/conformance-reports/smtp-ref*.md} (and {@code .xml}, {@code .txt}), the figures of
 * the smtp-ref column in {@code conformance/README.md}.
 */
class ConformanceSuiteTest {

    private static TestMta mta;

    @BeforeAll
    static void start() throws Exception {
        // A 200000-octet limit, as in the Postfix run, so that "SIZE exceeded in DATA" fits the
        // runner's 1 MiB message bound and is tested rather than n/a.
        mta = TestMta.builder().set("limits.message.size", "200000").start();
    }

    @AfterAll
    static void stop() throws Exception {
        mta.close();
    }

    /** Writes the Markdown, JUnit XML and summary reports of a run. */
    private static void report(String name, RunResult r) throws IOException {
        Path dir = Path.of("target", "conformance-reports");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".md"), Reports.markdown(r), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".xml"), Reports.junitXml(r), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".txt"), Reports.summary(r), StandardCharsets.UTF_8);
        System.out.println("conformance (" + name + "): " + r.passed() + " passed, " + r.failed() + " failed, "
                + r.notApplicable() + " n/a");
    }

    private static void check(RunResult r) {
        assertTrue(r.error().isEmpty(), "run failed: " + r.error());
        List<ScenarioResult> failed = r.results().stream().filter(x -> x.outcome() instanceof Outcome.Fail).toList();
        String report = failed.stream().map(x -> x.scenario().id() + ": " + x.outcome() + "\n  "
                + String.join("\n  ", x.transcript())).collect(Collectors.joining("\n"));
        assertEquals(List.of(), failed.stream().map(x -> x.scenario().id()).toList(), report);
        assertTrue(r.passed() > 0);
    }

    private static Options options() {
        return Options.defaults().withHelo("conformance.remote.test").withFrom("conformance@remote.test")
                .withTo("alice@example.test").withTrustAnyCertificate(true)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    @Test
    @Tag("5321-conformance-server")
    void theWholeSuitePassesOnTheSmtpListener() throws IOException {
        RunResult r = ConformanceRunner.run(Target.of("127.0.0.1", mta.smtp().getPort()), options());
        report("smtp-ref", r);
        check(r);
    }

    @Test
    @Tag("5321-conformance-server")
    void thePeersStartTlsSelectionPassesOnTheSmtpListener() throws IOException {
        // The selection the aiosmtpd and Postfix runs use with --tls starttls; this listener
        // offers no AUTH (RFC 6409: AUTH belongs to submission), so the AUTH scenarios are n/a.
        RunResult r = ConformanceRunner.run(new Target("127.0.0.1", mta.smtp().getPort(), TlsMode.STARTTLS),
                options().withOnly(Set.of("appendix-d", "auth", "rset", "starttls")));
        report("smtp-ref-starttls-smtp", r);
        check(r);
    }

    @Test
    @Tag("5321-conformance-server")
    void theWholeSuitePassesOnTheSubmissionListener() throws IOException {
        RunResult r = ConformanceRunner.run(new Target("127.0.0.1", mta.submission().getPort(), TlsMode.STARTTLS),
                options().withFrom("alice@example.test").withCredentials("alice", TestMta.PASSWORD));
        report("smtp-ref-starttls-submission", r);
        check(r);
    }

    @Test
    @Tag("5321-conformance-server")
    void theWholeSuitePassesOnTheImplicitTlsListener() throws IOException {
        RunResult r = ConformanceRunner.run(new Target("127.0.0.1", mta.smtps().getPort(), TlsMode.IMPLICIT),
                options().withFrom("alice@example.test").withCredentials("alice", TestMta.PASSWORD));
        report("smtp-ref-implicit-submissions", r);
        check(r);
    }
}
