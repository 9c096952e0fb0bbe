package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.testing.InMemoryMessageStore;
import smtp.wire.ForwardPath;
import smtp.wire.Host;
import smtp.wire.MailParameters;
import smtp.wire.RcptParameters;
import smtp.wire.Reply;
import smtp.wire.ReversePath;

/**
 * Whatever a {@link Policy} answers, the session sends a code RFC 5321 §4.3.2 lists for the
 * command, keeping the policy's enhanced status code and text (see the table in {@link Policy}).
 */
class PolicyRepliesTest {

    /** A policy that rejects everything with {@code reply} (VRFY and EXPN answer it too). */
    static Policy rejecting(Reply reply) {
        return new Policy() {
            @Override
            public Decision connect(ConnectionInfo c) {
                return Decision.reject(reply);
            }

            @Override
            public Decision hello(ConnectionInfo c, Host host, boolean extended) {
                return Decision.reject(reply);
            }

            @Override
            public Decision mail(Origin o, ReversePath r, MailParameters p) {
                return Decision.reject(reply);
            }

            @Override
            public Decision recipient(Origin o, ReversePath r, ForwardPath f, RcptParameters p) {
                return Decision.reject(reply);
            }

            @Override
            public Decision message(Envelope e, MessageContent c) {
                return Decision.reject(reply);
            }

            @Override
            public Reply verify(ConnectionInfo c, String argument) {
                return reply;
            }

            @Override
            public Reply expand(ConnectionInfo c, String argument) {
                return reply;
            }
        };
    }

    /** A policy that accepts the connection and rejects only at {@code stage} with {@code reply}. */
    static Policy rejectingAt(String stage, Reply reply) {
        Policy no = rejecting(reply);
        return new Policy() {
            @Override
            public Decision hello(ConnectionInfo c, Host host, boolean extended) {
                return stage.equals("hello") ? no.hello(c, host, extended) : Decision.accept();
            }

            @Override
            public Decision mail(Origin o, ReversePath r, MailParameters p) {
                return stage.equals("mail") ? no.mail(o, r, p) : Decision.accept();
            }

            @Override
            public Decision recipient(Origin o, ReversePath r, ForwardPath f, RcptParameters p) {
                return stage.equals("rcpt") ? no.recipient(o, r, f, p) : Decision.accept();
            }

            @Override
            public Decision message(Envelope e, MessageContent c) {
                return stage.equals("message") ? no.message(e, c) : Decision.accept();
            }

            @Override
            public Reply verify(ConnectionInfo c, String argument) {
                return no.verify(c, argument);
            }

            @Override
            public Reply expand(ConnectionInfo c, String argument) {
                return no.expand(c, argument);
            }
        };
    }

    static ServerHarness harness(Policy policy) {
        return new ServerHarness(ServerHarness.config().withVrfy(true).withExpn(true), policy, new InMemoryMessageStore(),
                CredentialStore.NONE, false);
    }

    @Test
    @Tag("5321-3.1")
    void aTemporaryRefusalAtConnectionIs421AndCloses_rfc5321_4_3_2() {
        // Greylisting at connect: 450 is not a greeting code; it must stay temporary (421), not 554.
        ServerHarness h = harness(rejecting(Reply.of(450, "4.7.1", "Greylisted, try again later")));
        List<Reply> greeting = ServerHarness.replies(h.actions);
        assertEquals("421 4.7.1 Greylisted, try again later", greeting.get(0).toString());
        assertInstanceOf(ServerAction.Close.class, h.actions.get(h.actions.size() - 1));
        assertTrue(h.session.isClosed());
    }

    @Test
    @Tag("5321-3.1")
    void aPermanentRefusalAtConnectionIs554ThenOnly503_rfc5321_3_1() {
        ServerHarness h = harness(rejecting(Reply.of(550, "5.7.1", "No service for you")));
        assertEquals("554 5.7.1 No service for you", ServerHarness.replies(h.actions).get(0).toString());
        assertEquals(SessionState.REJECTED, h.session.state());
        assertEquals(503, h.code("EHLO client.example.com"));
        assertEquals(221, h.code("QUIT"));
    }

    @Test
    @Tag("5321-4.3.2-policy")
    void policyRepliesKeepToTheCodesOfTheCommand_rfc5321_4_3_2() {
        // RCPT: 554 is not listed for RCPT (Postfix's old relay answer); 550 is. 454 becomes 450.
        ServerHarness h = harness(rejectingAt("rcpt", Reply.of(554, "5.7.1", "<x@remote.test>: Relay access denied")));
        h.code("EHLO client.example.com");
        h.code("MAIL FROM:<a@example.com>");
        assertEquals("550 5.7.1 <x@remote.test>: Relay access denied", h.command("RCPT TO:<x@remote.test>").toString());
        h = harness(rejectingAt("rcpt", Reply.of(454, "4.7.0", "TLS not available")));
        h.code("EHLO client.example.com");
        h.code("MAIL FROM:<a@example.com>");
        assertEquals("450 4.7.0 TLS not available", h.command("RCPT TO:<x@remote.test>").toString());
        // Permitted codes pass unchanged, e.g. 452 4.2.2 at RCPT and RFC 4954 §6's 530 at MAIL.
        h = harness(rejectingAt("rcpt", Reply.of(452, "4.2.2", "Mailbox full")));
        h.code("EHLO client.example.com");
        h.code("MAIL FROM:<a@example.com>");
        assertEquals("452 4.2.2 Mailbox full", h.command("RCPT TO:<x@example.org>").toString());
        h = harness(rejectingAt("mail", Reply.of(530, "5.7.0", "Authentication required")));
        h.code("EHLO client.example.com");
        assertEquals("530 5.7.0 Authentication required", h.command("MAIL FROM:<a@example.com>").toString());
        // MAIL: 554 becomes 550, 450 becomes 451.
        h = harness(rejectingAt("mail", Reply.of(554, "5.7.1", "Sender blocked")));
        h.code("EHLO client.example.com");
        assertEquals("550 5.7.1 Sender blocked", h.command("MAIL FROM:<a@example.com>").toString());
        h = harness(rejectingAt("mail", Reply.of(450, "4.7.1", "Greylisted")));
        h.code("EHLO client.example.com");
        assertEquals("451 4.7.1 Greylisted", h.command("MAIL FROM:<a@example.com>").toString());
        // End of data: 553 becomes 554, 455 becomes 451; the transaction ends either way.
        h = harness(rejectingAt("message", Reply.of(553, "5.7.1", "Spam")));
        h.transaction();
        h.code("DATA");
        assertEquals("554 5.7.1 Spam", h.send("x\r\n.\r\n").get(0).toString());
        h = harness(rejectingAt("message", Reply.of(455, "4.3.0", "Try later")));
        h.transaction();
        h.code("DATA");
        assertEquals("451 4.3.0 Try later", h.send("x\r\n.\r\n").get(0).toString());
        assertEquals(SessionState.READY, h.session.state());
    }

    @Test
    @Tag("5321-4.3.2-policy")
    void aTemporaryRefusalOfEhloCloses421_rfc5321_4_3_2() {
        // §4.3.2 lists no 4yz for EHLO/HELO but 421; a 5yz other than 550/502/504 becomes 550.
        ServerHarness h = harness(rejectingAt("hello", Reply.of(450, "4.7.1", "Slow down")));
        assertEquals("421 4.7.1 Slow down", h.command("EHLO client.example.com").toString());
        assertTrue(h.session.isClosed());
        h = harness(rejectingAt("hello", Reply.of(554, "5.7.1", "Go away")));
        assertEquals("550 5.7.1 Go away", h.command("HELO client.example.com").toString());
        assertEquals(SessionState.GREETED, h.session.state());
    }

    @Test
    @Tag("5321-4.3.2-policy")
    void verifyAndExpandAnswersKeepToTheirCodes_rfc5321_3_5_3() {
        // A directory that is down cannot verify now: 252, keeping the text.
        ServerHarness h = harness(rejectingAt("none", Reply.of(451, "4.4.3", "Directory unavailable")));
        assertEquals("252 2.4.3 Directory unavailable", h.command("VRFY smith").toString());
        assertEquals("252 2.4.3 Directory unavailable", h.command("EXPN staff").toString());
        h = harness(rejectingAt("none", Reply.of(554, "5.7.1", "Not for you")));
        assertEquals("550 5.7.1 Not for you", h.command("VRFY smith").toString());
        h = harness(rejectingAt("none", Reply.of(251, "2.1.5", "User not local; will forward to <s@example.net>")));
        assertEquals(251, h.code("VRFY smith"));
        assertEquals("252 2.1.5 User not local; will forward to <s@example.net>", h.command("EXPN staff").toString());
    }

    @Test
    @Tag("5321-3.5.3")
    void theDefaultExpandAnswerSpeaksOfExpn_rfc5321_3_5_3() {
        ServerSession s = new ServerSession(ServerHarness.config().withExpn(true),
                ConnectionInfo.cleartext(InetAddress.getLoopbackAddress()), Policy.ACCEPT_ALL, new InMemoryMessageStore(),
                CredentialStore.NONE);
        s.greeting();
        Reply r = ServerHarness.replies(s.receive("EXPN staff\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).get(0);
        assertEquals("252 2.1.5 Cannot EXPN list, but will accept message and attempt delivery", r.toString());
    }
}
