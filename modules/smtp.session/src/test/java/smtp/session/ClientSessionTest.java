package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.BodyType;
import smtp.wire.Notify;
import smtp.wire.OriginalRecipient;
import smtp.wire.Ret;

class ClientSessionTest {

    private static final String EHLO_PIPELINING = "250-mx.example.org\n250-PIPELINING\n250-SIZE 1000\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250 DSN";

    @Test
    @Tag("5321-3.3c")
    @Tag("2920-3.1")
    void pipelinedTransactionWithMixedRecipientOutcomes_rfc2920_3_1() {
        ClientHarness c = new ClientHarness(ClientHarness.config(),
                List.of(ClientHarness.message("a@example.com", "Subject: x\r\n\r\n.hi\r\n", "b@example.org", "c@example.org", "d@example.org")));
        assertEquals("EHLO relay.example.com\n", c.server("220 mx.example.org ESMTP"));
        // RFC 2920 §3.1: MAIL, every RCPT and DATA in one group.
        assertEquals("MAIL FROM:<a@example.com> SIZE=19\nRCPT TO:<b@example.org>\nRCPT TO:<c@example.org>\n"
                + "RCPT TO:<d@example.org>\nDATA\n", c.server(EHLO_PIPELINING));
        assertEquals("", c.server("250 2.1.0 OK\n250 2.1.5 OK\n550 5.1.1 No such user\n450 4.2.1 Mailbox busy"));
        // RFC 5321 §4.5.2: the message goes dot-stuffed and ends with CRLF.CRLF.
        assertEquals("Subject: x\n\n..hi\n.\n", c.server("354 go ahead"));
        assertEquals("QUIT\n", c.server("250 2.0.0 OK: queued as 42"));
        c.server("221 2.0.0 bye");
        assertTrue(c.closed && c.session.isDone());
        List<RecipientResult> r = c.result(0).recipients();
        assertEquals("250 2.0.0 OK: queued as 42", assertInstanceOf(RecipientResult.Delivered.class, r.get(0)).reply().toString());
        RecipientResult.PermanentFailure p = assertInstanceOf(RecipientResult.PermanentFailure.class, r.get(1));
        assertEquals(Stage.RCPT, p.stage());
        assertTrue(p.remote());
        assertEquals("550 5.1.1 No such user", p.reply().toString());
        assertEquals(Stage.RCPT, assertInstanceOf(RecipientResult.TemporaryFailure.class, r.get(2)).stage());
        assertTrue(c.result(0).dsnSupported());
    }

    @Test
    @Tag("5321-4.1.4d")
    void withoutPipeliningOneCommandAtATimeAndHeloFallback_rfc5321_4_1_4() {
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        c.server("220 old.example.org");
        // A server that predates EHLO answers 500 or 502: the client falls back to HELO.
        assertEquals("HELO relay.example.com\n", c.server("502 Command not implemented"));
        assertEquals("MAIL FROM:<a@example.com>\n", c.server("250 old.example.org"));
        assertEquals("RCPT TO:<b@example.org>\n", c.server("250 OK"));
        assertEquals("DATA\n", c.server("250 OK"));
        assertEquals("x\n.\n", c.server("354 go"));
        assertEquals("QUIT\n", c.server("250 OK"));
        assertInstanceOf(RecipientResult.Delivered.class, c.result(0).recipients().get(0));
        assertFalse(c.result(0).dsnSupported());
        assertEquals(Optional.of(Capabilities.NONE), c.session.capabilities());
    }

    @Test
    @Tag("2920-3.1")
    void pipelinedDataAcceptedDespiteNoRecipientGetsALoneDot_rfc2920_3_1() {
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        c.server("220 mx");
        c.server(EHLO_PIPELINING);
        assertEquals(".\n", c.server("250 OK\n550 5.1.1 no\n354 go"));
        assertEquals("QUIT\n", c.server("250 OK"));
        assertInstanceOf(RecipientResult.PermanentFailure.class, c.result(0).recipients().get(0));
    }

    @Test
    @Tag("1870-6c")
    void messageOverTheServersSizeLimitIsNotSent_rfc1870_6() {
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x".repeat(1001), "b@example.org")));
        c.server("220 mx");
        assertEquals("QUIT\n", c.server(EHLO_PIPELINING));
        RecipientResult.PermanentFailure p = assertInstanceOf(RecipientResult.PermanentFailure.class, c.result(0).recipients().get(0));
        assertEquals(552, p.reply().code());
        assertFalse(p.remote());
        assertEquals(Stage.MAIL, p.stage());
    }

    @Test
    @Tag("6152-3")
    @Tag("6531-3.2")
    void eightBitAndUtf8MessagesNeedTheExtensions_rfc6152_3_rfc6531_3_2() {
        Envelope eight = new Envelope(ClientHarness.path("a@example.com"), List.of(Recipient.of(ClientHarness.path("b@example.org"))),
                Optional.empty(), Optional.empty(), Optional.of(BodyType.EIGHT_BIT_MIME), false, OptionalLong.empty(),
                Optional.empty(), ClientHarness.origin());
        Envelope utf8 = Envelope.of(ClientHarness.path("josé@example.com"), List.of(Recipient.of(ClientHarness.path("b@example.org"))),
                ClientHarness.origin());
        MessageBody body = MessageBody.of("x\r\n".getBytes());
        ClientHarness c = new ClientHarness(ClientHarness.config(),
                List.of(new OutboundMessage(eight, body), new OutboundMessage(utf8, body)));
        c.server("220 mx");
        assertEquals("QUIT\n", c.server("250-mx\n250 PIPELINING"));
        RecipientResult.PermanentFailure p8 = assertInstanceOf(RecipientResult.PermanentFailure.class, c.result(0).recipients().get(0));
        assertEquals("554 5.6.3", p8.reply().toString().substring(0, 9));
        assertTrue(p8.reply().text().contains("8BITMIME"));
        RecipientResult.PermanentFailure pu = assertInstanceOf(RecipientResult.PermanentFailure.class, c.result(1).recipients().get(0));
        assertEquals("553 5.6.7", pu.reply().toString().substring(0, 9));
        assertTrue(pu.reply().text().contains("SMTPUTF8"));
        // With the extensions the parameters go along.
        ClientHarness d = new ClientHarness(ClientHarness.config().withPipelining(false),
                List.of(new OutboundMessage(eight, body), new OutboundMessage(utf8, body)));
        d.server("220 mx");
        assertEquals("MAIL FROM:<a@example.com> BODY=8BITMIME\n", d.server("250-mx\n250-8BITMIME\n250 SMTPUTF8"));
        d.server("250 ok");
        d.server("250 ok");
        d.server("354 go");
        assertEquals("MAIL FROM:<josé@example.com> SMTPUTF8\n", d.server("250 ok"));
    }

    @Test
    @Tag("6152-3")
    @Tag("6531-3.2")
    void eightBitContentAndUtf8HeadersAreFoundInTheOctets_rfc6152_3_rfc6531_3_2() {
        Envelope plain = Envelope.of(ClientHarness.path("a@example.com"), List.of(Recipient.of(ClientHarness.path("b@example.org"))),
                ClientHarness.origin()); // no BODY=, no SMTPUTF8: nothing declared
        MessageBody eightBitBody = MessageBody.of("Subject: menu\r\n\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.UTF_8));
        MessageBody utf8Header = MessageBody.of("Subject: caf\u00e9\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8));
        List<OutboundMessage> both = List.of(new OutboundMessage(plain, eightBitBody), new OutboundMessage(plain, utf8Header));
        // A server without 8BITMIME and SMTPUTF8 gets neither message.
        ClientHarness c = new ClientHarness(ClientHarness.config(), both);
        c.server("220 mx");
        assertEquals("QUIT\n", c.server("250-mx\n250 PIPELINING"));
        assertEquals("554 5.6.3", c.result(0).recipients().get(0).reply().toString().substring(0, 9));
        assertInstanceOf(RecipientResult.PermanentFailure.class, c.result(1).recipients().get(0));
        // 8BITMIME alone: the 8-bit body goes with BODY=8BITMIME; the UTF-8 header needs SMTPUTF8.
        ClientHarness d = new ClientHarness(ClientHarness.config().withPipelining(false), both);
        d.server("220 mx");
        assertEquals("MAIL FROM:<a@example.com> BODY=8BITMIME\n", d.server("250-mx\n250 8BITMIME"));
        d.server("250 ok");
        d.server("250 ok");
        d.server("354 go");
        assertEquals("QUIT\n", d.server("250 ok"));
        assertInstanceOf(RecipientResult.Delivered.class, d.result(0).recipients().get(0));
        RecipientResult.PermanentFailure u = assertInstanceOf(RecipientResult.PermanentFailure.class, d.result(1).recipients().get(0));
        assertEquals("553 5.6.7", u.reply().toString().substring(0, 9));
        // Both extensions: the UTF-8 header goes with SMTPUTF8 (RFC 6531 §3.4) and BODY=8BITMIME.
        ClientHarness e = new ClientHarness(ClientHarness.config().withPipelining(false), List.of(both.get(1)));
        e.server("220 mx");
        assertEquals("MAIL FROM:<a@example.com> BODY=8BITMIME SMTPUTF8\n", e.server("250-mx\n250-8BITMIME\n250 SMTPUTF8"));
        // A body whose traits are unknown is sent as its envelope declares (the spool's business).
        MessageBody unknown = new MessageBody() {
            @Override
            public long size() {
                return eightBitBody.size();
            }

            @Override
            public java.io.InputStream open() throws java.io.IOException {
                return eightBitBody.open();
            }
        };
        ClientHarness f = new ClientHarness(ClientHarness.config().withPipelining(false), List.of(new OutboundMessage(plain, unknown)));
        f.server("220 mx");
        assertEquals("MAIL FROM:<a@example.com>\n", f.server("250 mx"));
    }

    @Test
    @Tag("3461-4-session")
    void dsnParametersAreRelayedOnlyToADsnServer_rfc3461_4() {
        Recipient r = new Recipient(ClientHarness.path("b@example.org"), Set.of(Notify.SUCCESS, Notify.DELAY),
                Optional.of(new OriginalRecipient("rfc822", "b@example.org")));
        Envelope e = new Envelope(ClientHarness.path("a@example.com"), List.of(r), Optional.of(Ret.HDRS), Optional.of("id 1"),
                Optional.empty(), false, OptionalLong.empty(), Optional.empty(), ClientHarness.origin());
        MessageBody body = MessageBody.of("x\r\n".getBytes());
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(new OutboundMessage(e, body)));
        c.server("220 mx");
        assertEquals("MAIL FROM:<a@example.com> RET=HDRS ENVID=id+201\nRCPT TO:<b@example.org> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;b@example.org\nDATA\n",
                c.server("250-mx\n250-PIPELINING\n250 DSN"));
        ClientHarness d = new ClientHarness(ClientHarness.config(), List.of(new OutboundMessage(e, body)));
        d.server("220 mx");
        assertEquals("MAIL FROM:<a@example.com>\nRCPT TO:<b@example.org>\nDATA\n", d.server("250-mx\n250 PIPELINING"));
    }

    @Test
    @Tag("3207-4.1")
    void startTlsOpportunisticRequiredAndRefused_rfc3207_4() {
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        c.server("220 mx");
        assertEquals("STARTTLS\n", c.server("250-mx\n250 STARTTLS"));
        c.server("220 2.0.0 go ahead");
        assertTrue(c.startTls);
        // RFC 3207 §4.2: after the handshake, EHLO again and forget what was learned before.
        assertEquals(Optional.empty(), c.session.capabilities());
        assertEquals("EHLO relay.example.com\n", c.written(c.session.tlsStarted(smtp.session.testing.Loopback.TLS)));
        assertEquals("MAIL FROM:<a@example.com>\n", c.server("250-mx\n250 8BITMIME"));
        c.server("250 ok");
        c.server("250 ok");
        c.server("354 go");
        c.server("250 ok");
        assertEquals(Optional.of(smtp.session.testing.Loopback.TLS), c.result(0).tls());

        ClientHarness required = new ClientHarness(ClientHarness.config().withTls(TlsPolicy.REQUIRED),
                List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        required.server("220 mx");
        assertEquals("QUIT\n", required.server("250 mx"));
        RecipientResult.TemporaryFailure t = assertInstanceOf(RecipientResult.TemporaryFailure.class, required.result(0).recipients().get(0));
        assertEquals("451 4.7.4", t.reply().toString().substring(0, 9));
        assertEquals(Stage.STARTTLS, t.stage());

        ClientHarness refused = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        refused.server("220 mx");
        refused.server("250-mx\n250 STARTTLS");
        // RFC 3207 §4.1: 454 TLS not available; opportunistic mode goes on in cleartext.
        assertEquals("MAIL FROM:<a@example.com>\n", refused.server("454 4.7.0 TLS not available due to temporary reason"));

        ClientHarness failed = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        failed.server("220 mx");
        failed.server("250-mx\n250 STARTTLS");
        failed.server("220 go");
        failed.written(failed.session.tlsFailed("certificate expired"));
        assertTrue(failed.closed);
        assertEquals("421 4.7.5", failed.result(0).recipients().get(0).reply().toString().substring(0, 9));
    }

    @Test
    @Tag("3207-4.2-client")
    void repliesInjectedAfterThe220ToStartTlsAreDiscarded_rfc3207_4_2() {
        // A man in the middle appends a forged EHLO reply to the server's 220, in the same read,
        // hoping the client takes it for the answer to its EHLO after the handshake (the client
        // side of CVE-2011-0411). RFC 3207 §4.2: the client MUST discard any knowledge obtained
        // from the server which was not obtained from the TLS negotiation itself.
        ClientHarness c = new ClientHarness(ClientHarness.config().withPipelining(false),
                List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        c.server("220 mx");
        assertEquals("STARTTLS\n", c.server("250-mx\n250 STARTTLS"));
        assertEquals("", c.server("220 2.0.0 go ahead\n250-evil.example\n250-CHUNKING\n250 8BITMIME\n250 ok\n250-partial"));
        assertTrue(c.startTls);
        assertFalse(c.closed);
        assertEquals("EHLO relay.example.com\n", c.written(c.session.tlsStarted(smtp.session.testing.Loopback.TLS)));
        assertEquals(Optional.empty(), c.session.capabilities(), "nothing injected was read as the EHLO reply");
        // The real EHLO reply is the first one after the handshake; it offers no extension.
        assertEquals("MAIL FROM:<a@example.com>\n", c.server("250 mx.example.org"));
        assertFalse(c.session.capabilities().orElseThrow().offers(Extension.CHUNKING));
        assertFalse(c.session.capabilities().orElseThrow().offers(Extension.EIGHT_BIT_MIME));
        assertEquals("RCPT TO:<b@example.org>\n", c.server("250 ok"));
        assertEquals("DATA\n", c.server("250 ok"));
        c.server("354 go");
        assertEquals("QUIT\n", c.server("250 ok"));
        assertInstanceOf(RecipientResult.Delivered.class, c.result(0).recipients().get(0));
    }

    @Test
    @Tag("5321-4.5.3.2")
    @Tag("5321-4.5.3.2.5")
    void lostConnectionsAndTimeoutsAreTemporaryAndTimeoutsFollowTheCommand_rfc5321_4_5_3_2() {
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(
                ClientHarness.message("a@example.com", "x\r\n", "b@example.org"),
                ClientHarness.message("a@example.com", "y\r\n", "c@example.org")));
        assertEquals(Duration.ofMinutes(5), c.session.replyTimeout());
        c.server("220 mx");
        c.server(EHLO_PIPELINING);
        assertEquals(Duration.ofMinutes(5), c.session.replyTimeout()); // MAIL
        c.server("250 ok");
        assertEquals(Duration.ofMinutes(5), c.session.replyTimeout()); // RCPT
        c.server("250 ok");
        assertEquals(Duration.ofMinutes(2), c.session.replyTimeout()); // DATA initiation
        c.server("354 go");
        assertEquals(Duration.ofMinutes(10), c.session.replyTimeout()); // DATA termination
        c.written(c.session.timeout());
        assertTrue(c.closed);
        RecipientResult.TemporaryFailure t = assertInstanceOf(RecipientResult.TemporaryFailure.class, c.result(0).recipients().get(0));
        assertEquals(Stage.MESSAGE, t.stage());
        assertFalse(t.remote());
        assertInstanceOf(RecipientResult.TemporaryFailure.class, c.result(1).recipients().get(0));

        ClientHarness stuck = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        stuck.server("220 mx");
        stuck.server(EHLO_PIPELINING);
        stuck.server("250 ok");
        stuck.server("250 ok");
        stuck.server("354 go");
        assertEquals(Duration.ofMinutes(3), ClientHarness.config().timeouts().dataBlock()); // §4.5.3.2.5, each write
        stuck.written(stuck.session.writeTimeout());
        assertTrue(stuck.closed);
        RecipientResult w = stuck.result(0).recipients().get(0);
        assertEquals(Stage.MESSAGE, w.stage());
        assertEquals("421 4.4.2", w.reply().toString().substring(0, 9));

        ClientHarness lost = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        lost.written(lost.session.connectionLost());
        assertEquals(Stage.GREETING, lost.result(0).recipients().get(0).stage());
        List<DeliveryResult> refused = ClientSession.connectFailed(
                List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")), "connection refused");
        assertEquals(Stage.CONNECT, refused.get(0).recipients().get(0).stage());
        assertEquals("421 4.4.1", refused.get(0).recipients().get(0).reply().toString().substring(0, 9));
    }

    @Test
    @Tag("5321-3.8")
    void aServer421EndsTheSessionWithTemporaryFailures_rfc5321_3_8() {
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        c.server("220 mx");
        c.server(EHLO_PIPELINING);
        c.server("250 ok\n421 4.3.2 shutting down");
        assertTrue(c.closed);
        RecipientResult.TemporaryFailure t = assertInstanceOf(RecipientResult.TemporaryFailure.class, c.result(0).recipients().get(0));
        assertTrue(t.remote());
        assertEquals(421, t.reply().code());
    }

    @Test
    @Tag("5321-4.2.1-client")
    void malformedRepliesEndTheSessionWithoutThrowing_rfc5321_4_2() {
        for (String garbage : List.of("hello there", "999 what", "250-a\n251 b", "2", "\u0000\u0001")) {
            ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
            c.server("220 mx");
            c.server(garbage);
            assertTrue(c.closed, garbage);
            assertInstanceOf(RecipientResult.TemporaryFailure.class, c.result(0).recipients().get(0));
        }
    }

    @Test
    @Tag("5321-4.1.4d")
    void severalMessagesOnOneConnectionWithRsetAfterAFailedTransaction_rfc5321_4_1_4() {
        ClientHarness c = new ClientHarness(ClientHarness.config().withPipelining(false), List.of(
                ClientHarness.message("a@example.com", "x\r\n", "b@example.org"),
                ClientHarness.message("", "y\r\n", "c@example.org")));
        c.server("220 mx");
        c.server("250 mx");
        c.server("250 ok"); // MAIL
        assertEquals("RSET\n", c.server("550 no")); // RCPT refused: MAIL open, so RSET first
        assertEquals("MAIL FROM:<>\n", c.server("250 reset"));
        c.server("250 ok");
        c.server("250 ok");
        c.server("354 go");
        assertEquals("QUIT\n", c.server("250 done"));
        assertEquals(2, c.session.results().size());
        assertInstanceOf(RecipientResult.PermanentFailure.class, c.result(0).recipients().get(0));
        assertInstanceOf(RecipientResult.Delivered.class, c.result(1).recipients().get(0));
    }

    @Test
    @Tag("3030-2d")
    void chunkingSendsOneBdatLastAfterTheRecipients_rfc3030_2() {
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", ".x\r\n", "b@example.org")));
        c.server("220 mx");
        assertEquals("MAIL FROM:<a@example.com>\nRCPT TO:<b@example.org>\n", c.server("250-mx\n250-PIPELINING\n250 CHUNKING"));
        assertEquals("BDAT 4 LAST\n.x\n", c.server("250 ok\n250 ok"));
        assertEquals("QUIT\n", c.server("250 ok"));
        assertInstanceOf(RecipientResult.Delivered.class, c.result(0).recipients().get(0));
    }

    @Test
    @Tag("4954-4h")
    void authFailuresAndMissingMechanismsAreClear_rfc4954_4() {
        ClientConfig withAuth = ClientHarness.config().withCredentials(ClientCredentials.of("tim", "secret"));
        ClientHarness cleartext = new ClientHarness(withAuth, List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        cleartext.server("220 mx");
        assertEquals("QUIT\n", cleartext.server("250-mx\n250 AUTH PLAIN"));
        assertTrue(cleartext.result(0).recipients().get(0).reply().text().contains("TLS"));

        ClientConfig plainOk = ClientHarness.config().withCredentials(new ClientCredentials("tim", "secret", List.of("PLAIN"), true));
        ClientHarness c = new ClientHarness(plainOk, List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        c.server("220 mx");
        assertEquals("AUTH PLAIN AHRpbQBzZWNyZXQ=\n", c.server("250-mx\n250 AUTH=LOGIN PLAIN"));
        assertEquals("QUIT\n", c.server("535 5.7.8 Authentication credentials invalid"));
        RecipientResult.TemporaryFailure t = assertInstanceOf(RecipientResult.TemporaryFailure.class, c.result(0).recipients().get(0));
        assertEquals(Stage.AUTH, t.stage());
        assertEquals(535, t.reply().code());

        ClientHarness none = new ClientHarness(plainOk, List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        none.server("220 mx");
        assertEquals("QUIT\n", none.server("250-mx\n250 AUTH CRAM-MD5"));
        assertEquals(Stage.AUTH, none.result(0).recipients().get(0).stage());

        ClientHarness login = new ClientHarness(ClientHarness.config().withCredentials(new ClientCredentials("tim", "secret", List.of("LOGIN"), true)),
                List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        login.server("220 mx");
        assertEquals("AUTH LOGIN\n", login.server("250-mx\n250 AUTH LOGIN"));
        assertEquals("dGlt\n", login.server("334 VXNlcm5hbWU6"));
        assertEquals("c2VjcmV0\n", login.server("334 UGFzc3dvcmQ6"));
        assertEquals("MAIL FROM:<a@example.com>\n", login.server("235 2.7.0 ok"));
    }

    @Test
    @Tag("5321-4.1.4d")
    void theClientNeverThrowsOnAnyReplyOrder() {
        // A server that answers everything with 250 (including DATA): the client still ends cleanly.
        ClientHarness c = new ClientHarness(ClientHarness.config(), List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        c.server("220 mx");
        c.server("250 mx");
        c.server("250 ok\n250 ok\n250 ok");
        assertEquals(Stage.DATA, c.result(0).recipients().get(0).stage());
        assertInstanceOf(RecipientResult.TemporaryFailure.class, c.result(0).recipients().get(0));
        c.server("221 bye");
        assertTrue(c.session.isDone());
        assertEquals(List.of(), c.session.receive("250 late\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(InetAddress.getLoopbackAddress(), ClientHarness.origin().clientAddress());
    }
}
