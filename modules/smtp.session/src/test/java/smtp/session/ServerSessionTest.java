package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.testing.InMemoryMessageStore;
import smtp.wire.BodyType;
import smtp.wire.Notify;
import smtp.wire.OriginalRecipient;
import smtp.wire.Reply;
import smtp.wire.Ret;

class ServerSessionTest {

    @Test
    @Tag("5321-4.5.3.1.8")
    void acceptsTheConfiguredRecipientsAndAnswers452Beyond_rfc5321_4_5_3_1_8() {
        ServerHarness h = new ServerHarness(ServerHarness.config().withMaxRecipients(100));
        h.code("EHLO client.example.com");
        h.code("MAIL FROM:<a@example.com>");
        for (int i = 0; i < 100; i++) {
            assertEquals(250, h.code("RCPT TO:<r" + i + "@example.org>"));
        }
        Reply over = h.command("RCPT TO:<r100@example.org>");
        assertEquals("452 4.5.3 Too many recipients", over.toString());
        assertEquals(354, h.code("DATA"));
        h.send("x\r\n.\r\n");
        assertEquals(100, h.store.messages().get(0).envelope().recipients().size());
    }

    @Test
    @Tag("5321-4.5.3.1.8")
    void aLimitUnder100IsRefused_rfc5321_4_5_3_1_8() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerHarness.config().withMaxRecipients(99));
    }

    @Test
    @Tag("3461-4-session")
    @Tag("5321-3.3b")
    void dsnAndOtherMailParametersAreKeptInTheEnvelope_rfc3461_4() {
        ServerHarness h = new ServerHarness(ServerHarness.config());
        h.code("EHLO client.example.com");
        assertEquals(250, h.code("MAIL FROM:<a@example.com> RET=HDRS ENVID=QQ314159 SIZE=300 BODY=8BITMIME"));
        assertEquals(250, h.code("RCPT TO:<b@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2Bx@example.org"));
        assertEquals(250, h.code("RCPT TO:<c@example.org> NOTIFY=NEVER"));
        assertEquals(250, h.code("RCPT TO:<d@example.org>"));
        assertEquals(354, h.code("DATA"));
        h.send("Subject: x\r\n\r\nbody\r\n.\r\n");
        Envelope e = h.store.messages().get(0).envelope();
        assertEquals(Optional.of(Ret.HDRS), e.ret());
        assertEquals(Optional.of("QQ314159"), e.envelopeId());
        assertEquals(OptionalLong.of(300), e.declaredSize());
        assertEquals(Optional.of(BodyType.EIGHT_BIT_MIME), e.body());
        assertEquals(Optional.empty(), e.mailAuth());
        assertEquals(Set.of(Notify.SUCCESS, Notify.FAILURE), e.recipients().get(0).notifyOn());
        assertEquals(Optional.of(new OriginalRecipient("rfc822", "b+x@example.org")), e.recipients().get(0).orcpt());
        assertEquals(Set.of(Notify.NEVER), e.recipients().get(1).notifyOn());
        assertEquals(Set.of(), e.recipients().get(2).notifyOn());
        assertEquals("client.example.com", e.origin().heloName().toString());
        assertTrue(e.origin().extended());
        assertEquals("ESMTP", e.withProtocol());
    }

    @Test
    @Tag("4954-5")
    void authParameterOfAnUnauthenticatedClientBecomesTheNullMailbox_rfc4954_5() {
        ServerHarness h = new ServerHarness(ServerHarness.config().with(Extension.AUTH));
        h.code("EHLO client.example.com");
        assertEquals(250, h.code("MAIL FROM:<a@example.com> AUTH=a@example.com"));
        h.code("RCPT TO:<b@example.org>");
        h.code("DATA");
        h.send(".\r\n");
        assertEquals(Optional.of("<>"), h.store.messages().get(0).envelope().mailAuth());
    }

    @Test
    @Tag("4954-4a")
    void authenticatedSessionOverTlsRecordsIdentityAndProtocol_rfc3848() {
        var users = CredentialStores.of(Map.of("tim", ScramCredential.derive("tanstaaftanstaaf", "0123456789abcdef".getBytes(), 4096)));
        ServerHarness h = new ServerHarness(ServerHarness.config().with(Extension.AUTH), Policy.ACCEPT_ALL,
                new InMemoryMessageStore(), users, true);
        Reply ehlo = h.command("EHLO client.example.com");
        assertTrue(ehlo.lines().contains("AUTH SCRAM-SHA-256 PLAIN LOGIN"), ehlo.toString());
        assertFalse(ehlo.lines().contains("STARTTLS"));
        assertEquals(535, h.code("AUTH PLAIN AHRpbQB3cm9uZw=="));
        assertEquals(1, h.session.authFailures());
        assertEquals(235, h.code("AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm"));
        assertEquals(1, h.session.authFailures());
        assertEquals(Optional.of("tim"), h.session.origin().orElseThrow().authIdentity());
        h.code("MAIL FROM:<tim@example.com> AUTH=tim@example.com SMTPUTF8");
        h.code("RCPT TO:<b@example.org>");
        h.code("DATA");
        h.send(".\r\n");
        Envelope e = h.store.messages().get(0).envelope();
        assertEquals(Optional.of("tim"), e.origin().authIdentity());
        assertEquals(Optional.of("tim@example.com"), e.mailAuth());
        assertEquals("ESMTPSA", e.origin().withProtocol());
        assertEquals("UTF8SMTPSA", e.withProtocol());
    }

    @Test
    @Tag("4954-4g")
    void authLinesUpTo12288OctetsAreRead_rfc4954_4() {
        ServerHarness h = new ServerHarness(ServerHarness.config().with(Extension.AUTH).withAuthWithoutTls(true));
        h.code("EHLO client.example.com");
        String ir = "A".repeat(12288 - "AUTH PLAIN ".length() - 2);
        // Long but not over the limit: read and judged (the content is not a PLAIN message).
        assertEquals(501, h.code("AUTH PLAIN " + ir));
        assertEquals("500 5.5.6 Line too long", h.command("AUTH PLAIN " + ir + "AAAA").toString());
        assertEquals(250, h.code("NOOP"));
    }

    @Test
    @Tag("5321-4.5.3.1.4-session")
    void aCommandLineOf512OctetsIsAcceptedAnd513Refused_rfc5321_4_5_3_1_4() {
        ServerHarness h = new ServerHarness(ServerHarness.config());
        assertEquals(250, h.code("NOOP " + "x".repeat(512 - 2 - 5)));
        assertEquals(500, h.code("NOOP " + "x".repeat(512 - 2 - 4)));
        assertEquals(250, h.code("NOOP"));
    }

    @Test
    @Tag("5321-4.5.3.2")
    void timeoutsAreDataAndExpiryAnswers421_rfc5321_4_5_3_2() {
        ServerConfig config = ServerHarness.config();
        assertEquals(Duration.ofMinutes(5), config.timeouts().server());
        assertEquals(Duration.ofMinutes(5), Timeouts.RFC5321.initial());
        assertEquals(Duration.ofMinutes(5), Timeouts.RFC5321.mail());
        assertEquals(Duration.ofMinutes(5), Timeouts.RFC5321.rcpt());
        assertEquals(Duration.ofMinutes(2), Timeouts.RFC5321.dataInitiation());
        assertEquals(Duration.ofMinutes(3), Timeouts.RFC5321.dataBlock());
        assertEquals(Duration.ofMinutes(10), Timeouts.RFC5321.dataTermination());
        ServerHarness h = new ServerHarness(config).transaction();
        h.code("DATA");
        h.send("partial message\r\n");
        assertEquals(Duration.ofMinutes(5), h.session.readTimeout());
        List<ServerAction> out = h.session.timeout();
        assertEquals("421 4.4.2 Timeout, closing transmission channel", ServerHarness.replies(out).get(0).toString());
        assertInstanceOf(ServerAction.Close.class, out.get(1));
        assertTrue(h.session.isClosed());
        assertEquals(1, h.store.aborted());
        assertEquals(List.of(), h.session.receive("QUIT\r\n".getBytes()));
        assertEquals(List.of(), h.session.timeout());
    }

    @Test
    @Tag("5321-4.5.3.2")
    void shutdownAnswers421AndLostConnectionDiscardsTheMessage() {
        ServerHarness h = new ServerHarness(ServerHarness.config()).transaction();
        h.code("DATA");
        h.send("partial");
        h.session.connectionLost();
        assertEquals(1, h.store.aborted());
        assertTrue(h.session.isClosed());
        ServerHarness g = new ServerHarness(ServerHarness.config());
        assertEquals(421, ServerHarness.replies(g.session.shutdown()).get(0).code());
    }

    @Test
    @Tag("5321-6.1-session")
    void storeFailuresAnswer451AndTheSessionGoesOn_rfc5321_4_2_3() {
        MessageStore failing = envelope -> {
            throw new IOException("disk full");
        };
        ServerSession s = new ServerSession(ServerHarness.config(), ConnectionInfo.cleartext(java.net.InetAddress.getLoopbackAddress()),
                Policy.ACCEPT_ALL, failing, CredentialStore.NONE);
        s.greeting();
        List<Reply> r = ServerHarness.replies(s.receive(("EHLO c.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n"
                + "DATA\r\nBDAT 3 LAST\r\nabcNOOP\r\n").getBytes()));
        assertEquals(List.of(250, 250, 250, 451, 451, 250), r.stream().map(Reply::code).toList());
        // A writer that fails in the middle: the data is still read to its end, then 451.
        MessageStore brokenWriter = envelope -> new MessageWriter() {
            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                throw new IOException("write failed");
            }

            @Override
            public Reply commit() {
                throw new AssertionError("must not commit");
            }

            @Override
            public void abort() {
            }

            @Override
            public long size() {
                return 0;
            }

            @Override
            public InputStream openStream() {
                return InputStream.nullInputStream();
            }
        };
        ServerSession t = new ServerSession(ServerHarness.config(), ConnectionInfo.cleartext(java.net.InetAddress.getLoopbackAddress()),
                Policy.ACCEPT_ALL, brokenWriter, CredentialStore.NONE);
        t.greeting();
        List<Reply> r2 = ServerHarness.replies(t.receive(("EHLO c.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n"
                + "DATA\r\nline\r\nNOOP\r\n.\r\nNOOP\r\n").getBytes()));
        assertEquals(List.of(250, 250, 250, 354, 451, 250), r2.stream().map(Reply::code).toList());
    }

    @Test
    @Tag("5321-6.1-session")
    void policyDecidesAtTheEndOfDataBeforeTheCommit_rfc5321_6_1() {
        Policy reject = new Policy() {
            @Override
            public Decision message(Envelope envelope, MessageContent content) {
                try (InputStream in = content.openStream()) {
                    String text = new String(in.readAllBytes());
                    return text.contains("spam") ? Decision.reject(Reply.of(550, "5.7.1", "Content refused"))
                            : Decision.accept();
                } catch (IOException e) {
                    return Decision.reject(Reply.of(451, "4.3.0", "cannot read"));
                }
            }
        };
        ServerHarness h = new ServerHarness(ServerHarness.config(), reject, new InMemoryMessageStore(), CredentialStore.NONE, false);
        h.transaction();
        h.code("DATA");
        assertEquals("550 5.7.1 Content refused", h.send("buy spam\r\n.\r\n").get(0).toString());
        assertEquals(0, h.store.messages().size());
        assertEquals(1, h.store.aborted());
        h.transaction();
        h.code("DATA");
        assertEquals("250 2.0.0 OK: queued as 1", h.send("hello\r\n.\r\n").get(0).toString());
    }

    @Test
    @Tag("5321-3.1")
    void policyReplies421CloseTheSession_rfc5321_3_8() {
        Policy busy = new Policy() {
            @Override
            public Decision connect(ConnectionInfo connection) {
                return Decision.reject(Reply.of(421, "4.7.0", "Too many connections"));
            }
        };
        ServerSession s = new ServerSession(ServerHarness.config(), ConnectionInfo.cleartext(java.net.InetAddress.getLoopbackAddress()),
                busy, new InMemoryMessageStore(), CredentialStore.NONE);
        List<ServerAction> g = s.greeting();
        assertEquals(421, ServerHarness.replies(g).get(0).code());
        assertInstanceOf(ServerAction.Close.class, g.get(1));
        assertTrue(s.isClosed());
    }

    @Test
    @Tag("4954-4a")
    void authIsNotOfferedOnCleartextUnlessConfigured_rfc4954_4() {
        ServerConfig c = ServerHarness.config().with(Extension.AUTH).with(Extension.STARTTLS);
        assertFalse(new ServerHarness(c).command("EHLO x.example").lines().stream().anyMatch(l -> l.startsWith("AUTH")));
        assertTrue(new ServerHarness(c.withAuthWithoutTls(true)).command("EHLO x.example").lines().contains("AUTH SCRAM-SHA-256 PLAIN LOGIN"));
        assertTrue(new ServerHarness(c).command("EHLO x.example").lines().contains("STARTTLS"));
    }

    @Test
    @Tag("7677-3")
    void scramSha256OverTheServerSession_rfc7677() {
        var users = CredentialStores.of(Map.of("user", ScramCredential.derive("pencil", "0123456789abcdef".getBytes(), 4096)));
        ServerHarness h = new ServerHarness(ServerHarness.config().with(Extension.AUTH), Policy.ACCEPT_ALL,
                new InMemoryMessageStore(), users, true);
        h.code("EHLO client.example.com");
        var client = smtp.session.internal.sasl.ClientMechanism.choose(
                new ClientCredentials("user", "pencil", List.of("SCRAM-SHA-256"), false), Set.of("SCRAM-SHA-256")).orElseThrow();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        Reply first = h.command("AUTH SCRAM-SHA-256 " + b64.encodeToString(client.initialResponse().orElseThrow()));
        assertEquals(334, first.code());
        byte[] fin = client.evaluate(java.util.Base64.getDecoder().decode(first.text())).orElseThrow();
        Reply verifier = h.command(b64.encodeToString(fin));
        assertEquals(334, verifier.code());
        byte[] ack = client.evaluate(java.util.Base64.getDecoder().decode(verifier.text())).orElseThrow();
        assertEquals(0, ack.length);
        assertEquals("235 2.7.0 Authentication successful", h.command("").toString());
    }

    @Test
    @Tag("1870-4")
    void sizeWithoutLimitIsAnnouncedWithoutNumber_rfc1870_4() {
        assertTrue(new ServerHarness(ServerHarness.config().withMaxMessageSize(0)).command("EHLO x.example").lines().contains("SIZE"));
        ServerHarness h = new ServerHarness(ServerHarness.config().withMaxMessageSize(0));
        h.code("EHLO x.example");
        assertEquals(250, h.code("MAIL FROM:<a@example.com> SIZE=999999999999"));
    }

    @Test
    @Tag("5321-4.1.4c")
    void ehloRefusedByPolicyLeavesTheStateAlone_rfc5321_4_1_4() {
        Policy policy = new Policy() {
            @Override
            public Decision hello(ConnectionInfo connection, smtp.wire.Host host, boolean extended) {
                return host.toString().equals("bad.example") ? Decision.reject(Reply.of(550, "5.7.1", "Go away")) : Decision.accept();
            }
        };
        ServerHarness h = new ServerHarness(ServerHarness.config(), policy, new InMemoryMessageStore(), CredentialStore.NONE, false);
        h.transaction();
        assertEquals(550, h.code("EHLO bad.example"));
        assertEquals(SessionState.RCPT, h.session.state());
        assertEquals(354, h.code("DATA"));
    }

    @Test
    @Tag("3207-4.2a")
    void tlsHandshakeOutOfTurnIsACallerBug() {
        ServerHarness h = new ServerHarness(ServerHarness.config().with(Extension.STARTTLS));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> h.session.tlsStarted(smtp.session.testing.Loopback.TLS));
        h.code("EHLO x.example");
        h.send("STARTTLS\r\n");
        assertEquals(SessionState.TLS_HANDSHAKE, h.session.state());
        assertEquals(List.of(), h.session.receive("NOOP\r\n".getBytes()));
        assertInstanceOf(ServerAction.Close.class, h.session.tlsFailed().get(0));
        assertTrue(h.session.isClosed());
    }

    @Test
    @Tag("5321-4.1.1.1-session")
    void extensionSetsChangeTheEhloReply_rfc5321_4_1_1_1() {
        ServerConfig none = ServerHarness.config().withExtensions(EnumSet.noneOf(Extension.class));
        assertEquals(List.of("mx.example.org greets x.example"), new ServerHarness(none).command("EHLO x.example").lines());
        assertEquals("250 mx.example.org", new ServerHarness(none).command("HELO x.example").toString());
    }
}
