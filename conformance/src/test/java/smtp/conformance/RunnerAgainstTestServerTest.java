package smtp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The runner against {@link TestSmtpServer}: a conformant server passes every applicable MUST,
 * and each deliberate breakage is reported as a failure of the scenarios that check it.
 */
class RunnerAgainstTestServerTest {

    static final Options OPTIONS = Options.defaults().withTo("rcpt@test.invalid")
            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));

    static RunResult run(TestSmtpServer server, Options options) {
        return ConformanceRunner.run(Target.of("127.0.0.1", server.port()), options);
    }

    static Set<String> failed(RunResult r) {
        return r.results().stream().filter(x -> x.outcome() instanceof Outcome.Fail).map(x -> x.scenario().id())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void aConformantServerPassesEveryApplicableMust() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(Set.of())) {
            RunResult r = run(server, OPTIONS);
            assertEquals(List.of(), r.mustFailures().stream().map(x -> x.scenario().id() + ": " + x.outcome()).toList(),
                    Reports.summary(r));
            assertEquals(0, r.exitCode());
            assertTrue(r.passed() > 70, Reports.summary(r));
            // Extensions the server does not advertise make their scenarios n/a, not failures.
            assertInstanceOf(Outcome.NotApplicable.class, r.result("starttls-upgrade").orElseThrow().outcome());
            assertInstanceOf(Outcome.NotApplicable.class, r.result("auth-plain").orElseThrow().outcome());
            assertInstanceOf(Outcome.Pass.class, r.result("pipelining-transaction").orElseThrow().outcome());
            assertInstanceOf(Outcome.Pass.class, r.result("size-exceeded-in-data").orElseThrow().outcome());
            assertTrue(r.extensions().contains("SIZE 10000"), r.extensions().toString());
            assertTrue(r.greeting().startsWith("220 test.invalid"), r.greeting());
        }
    }

    @Test
    void endingDataOnBareLfDotLfFailsTheSmugglingProbes_rfc5321_4_1_1_4() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(EnumSet.of(TestSmtpServer.Breakage.BARE_LF_ENDS_DATA))) {
            RunResult r = run(server, OPTIONS.withOnly(Set.of("smuggling")));
            // Every probe in which a bare LF is followed by "." and a line end: <LF>.<LF>, <LF>.<CRLF>,
            // <CRLF>.<LF> and <CR><NUL><LF>.<CRLF>.
            assertEquals(Set.of("smuggling-cr-nul-lf-dot", "smuggling-crlf-dot-lf", "smuggling-lf-dot-crlf",
                    "smuggling-lf-dot-lf"), failed(r),
                    Reports.summary(r));
            assertEquals(RunResult.EXIT_MUST_FAILED, r.exitCode());
            Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, r.result("smuggling-lf-dot-lf").orElseThrow().outcome());
            assertEquals("S: 221 | closed the reply to QUIT, not to a smuggled MAIL", f.expected());
            assertTrue(f.observed().startsWith("250"), "the smuggled MAIL FROM was answered: " + f.observed());
        }
    }

    @Test
    void acceptingRcptBeforeMailFailsTheSequenceScenarios_rfc5321_3_3() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(EnumSet.of(TestSmtpServer.Breakage.RCPT_WITHOUT_MAIL))) {
            RunResult r = run(server, OPTIONS);
            Set<String> failed = failed(r);
            assertTrue(failed.containsAll(Set.of("rcpt-before-mail-503", "rset-clears-transaction", "ehlo-resets-transaction",
                    "rejected-mail-keeps-state", "second-transaction")), failed.toString());
            Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, r.result("rcpt-before-mail-503").orElseThrow().outcome());
            assertEquals(5, f.step());
            assertEquals("S: 503", f.expected());
            assertTrue(f.observed().startsWith("250 2.1.5"), f.observed());
            assertEquals(RunResult.EXIT_MUST_FAILED, r.exitCode());
            assertTrue(Reports.summary(r).contains("rcpt-before-mail-503"));
        }
    }

    @Test
    void closingOnAnUnknownCommandIsReported_rfc5321_3_8() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(EnumSet.of(TestSmtpServer.Breakage.CLOSE_ON_UNKNOWN_COMMAND))) {
            RunResult r = run(server, OPTIONS.withOnly(Set.of("unknown-command-keeps-session")));
            Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, r.results().getFirst().outcome());
            assertTrue(f.observed().startsWith("connection closed"), f.observed());
        }
    }

    @Test
    void withoutRecipientTheScenariosThatSendMailAreNotApplicable() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(Set.of())) {
            RunResult r = run(server, OPTIONS.withOnly(Set.of("d1-typical-transaction", "rset-250")).withTo("x@y.z")
                    .withOnly(Set.of("d1-typical-transaction", "rset-250")));
            assertEquals(2, r.results().size());
            RunResult none = ConformanceRunner.run(Target.of("127.0.0.1", server.port()),
                    Options.defaults().withOnly(Set.of("d1-typical-transaction", "rset-250")));
            assertEquals(new Outcome.NotApplicable("needs --to (a mailbox that may receive test messages)"),
                    none.result("d1-typical-transaction").orElseThrow().outcome());
            assertInstanceOf(Outcome.Pass.class, none.result("rset-250").orElseThrow().outcome());
        }
    }

    @Test
    void aMessageOverTheBoundIsNotApplicableNotSent() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(Set.of())) {
            RunResult r = run(server, OPTIONS.withMaxMessageBytes(5000).withOnly(Set.of("size-exceeded-in-data")));
            Outcome.NotApplicable n = assertInstanceOf(Outcome.NotApplicable.class, r.results().getFirst().outcome());
            assertTrue(n.reason().contains("10001-octet"), n.reason());
            assertEquals(0, server.messages());
        }
    }

    @Test
    void anUnreachableTargetRunsNothingAndSaysWhy() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RunResult r = ConformanceRunner.run(Target.of("127.0.0.1", port), OPTIONS);
        assertEquals(RunResult.EXIT_UNREACHABLE, r.exitCode());
        assertTrue(r.error().orElseThrow().startsWith("cannot connect to 127.0.0.1:" + port), r.error().toString());
        assertEquals(List.of(), r.results());
    }
}
