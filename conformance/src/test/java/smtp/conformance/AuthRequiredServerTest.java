package smtp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.conformance.TestSmtpServer.Breakage;
import smtp.conformance.TestSmtpServer.Policy;
import smtp.conformance.internal.AuthenticationRequired;

/**
 * The runner against a server that requires AUTH (a submission server, RFC 6409 §4.3): a
 * scenario stopped by "530 5.7.0 Authentication required" (RFC 4954 §6) is repeated
 * authenticated when credentials are given, n/a without them, and still a failure when the
 * server never offers AUTH.
 */
class AuthRequiredServerTest {

    static final Options CREDENTIALS = RunnerAgainstTestServerTest.OPTIONS.withFrom(TestSmtpServer.USER + "@test.invalid")
            .withCredentials(TestSmtpServer.USER, TestSmtpServer.PASSWORD);

    static Outcome outcome(RunResult r, String id) {
        return r.result(id).orElseThrow().outcome();
    }

    @Test
    @Tag("4954-6-530-conformance")
    void withCredentialsAScenarioStoppedBy530IsRepeatedAuthenticatedAndPasses_rfc4954_6() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(Set.of(), Set.of(Policy.REQUIRE_AUTH))) {
            RunResult r = RunnerAgainstTestServerTest.run(server, CREDENTIALS);
            assertEquals(List.of(), r.mustFailures().stream().map(x -> x.scenario().id() + ": " + x.outcome()).toList(),
                    Reports.summary(r));
            assertEquals(0, r.exitCode());
            for (String id : List.of("mail-250", "d1-typical-transaction", "rcpt-250", "data-354-250", "pipelining-transaction")) {
                assertInstanceOf(Outcome.Pass.class, outcome(r, id), id);
            }
            ScenarioResult mail = r.result("mail-250").orElseThrow();
            String transcript = String.join("\n", mail.transcript());
            assertTrue(transcript.contains("530 5.7.0 Authentication required"), "the first run, refused: " + transcript);
            assertTrue(transcript.contains("the scenario again on a new connection, with AUTH as user"), transcript);
            assertTrue(transcript.contains("235 2.7.0"), "the repeated run authenticated: " + transcript);
            assertTrue(server.messages() > 0, "messages were sent in the authenticated runs");
            // The AUTH scenarios, which do not send MAIL first, run as they are.
            assertInstanceOf(Outcome.Pass.class, outcome(r, "auth-plain"));
            assertInstanceOf(Outcome.Pass.class, outcome(r, "auth-twice"));
            // AUTH during a transaction cannot be checked: a transaction needs AUTH first, and a
            // second AUTH is 503 anyway (RFC 4954 §4). It is not counted as a pass.
            Outcome.NotApplicable during = assertInstanceOf(Outcome.NotApplicable.class, outcome(r, "auth-during-transaction"));
            assertTrue(during.reason().contains("sends AUTH itself"), during.reason());
            // HELO sessions cannot authenticate (AUTH is an EHLO extension).
            Outcome.NotApplicable helo = assertInstanceOf(Outcome.NotApplicable.class, outcome(r, "helo-250"));
            assertTrue(helo.reason().startsWith(AuthenticationRequired.AUTH_REQUIRED), helo.reason());
            // A reverse-path the user may not send as (553 5.7.1) is the server's sender policy.
            Outcome.NotApplicable path = assertInstanceOf(Outcome.NotApplicable.class, outcome(r, "local-part-64"));
            assertTrue(path.reason().contains("RFC 6409 §6.1"), path.reason());
        }
    }

    @Test
    @Tag("4954-6-530-conformance")
    void withoutCredentialsAScenarioStoppedBy530IsNotApplicable_rfc4954_6() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(Set.of(), Set.of(Policy.REQUIRE_AUTH))) {
            RunResult r = RunnerAgainstTestServerTest.run(server,
                    RunnerAgainstTestServerTest.OPTIONS.withOnly(Set.of("mail-250", "d1-typical-transaction", "noop-250")));
            for (String id : List.of("mail-250", "d1-typical-transaction")) {
                Outcome.NotApplicable n = assertInstanceOf(Outcome.NotApplicable.class, outcome(r, id), id);
                assertEquals(AuthenticationRequired.AUTH_REQUIRED + "; give --user and --password to run it authenticated", n.reason());
            }
            assertInstanceOf(Outcome.Pass.class, outcome(r, "noop-250"));
            assertEquals(0, server.messages());
        }
    }

    @Test
    @Tag("4954-6-530-conformance")
    void a530FromAServerThatNeverOffersAuthStillFails_rfc4954_6() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(EnumSet.of(Breakage.REQUIRES_AUTH_NOT_OFFERED))) {
            for (Options o : List.of(CREDENTIALS, RunnerAgainstTestServerTest.OPTIONS)) {
                RunResult r = RunnerAgainstTestServerTest.run(server, o.withOnly(Set.of("mail-250", "helo-250")));
                for (String id : List.of("mail-250", "helo-250")) {
                    Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, outcome(r, id), id);
                    assertTrue(f.observed().startsWith("530"), f.observed());
                }
                assertEquals(RunResult.EXIT_MUST_FAILED, r.exitCode());
            }
        }
    }

    @Test
    @Tag("4954-6-530-conformance")
    void a530ForStartTlsFirstIsNotApplicableInAPlaintextRun_rfc3207_4() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(Set.of(), Set.of(Policy.REQUIRE_STARTTLS))) {
            RunResult r = RunnerAgainstTestServerTest.run(server, CREDENTIALS.withOnly(Set.of("mail-250")));
            Outcome.NotApplicable n = assertInstanceOf(Outcome.NotApplicable.class, outcome(r, "mail-250"));
            assertTrue(n.reason().contains("--tls starttls"), n.reason());
        }
    }
}
