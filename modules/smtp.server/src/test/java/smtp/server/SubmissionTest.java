package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.InMemoryResolver;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestKeys;
import smtp.server.testing.TestMta;

/**
 * The submission roles: AUTH required and only over TLS, the user sends as their own addresses
 * only, mail to other domains is relayed through the queue (here to a second MTA acting as the
 * remote MX) and DKIM-signed with RSA and Ed25519, which the remote side verifies.
 */
class SubmissionTest {

    private static TestMta remote;
    private static TestMta mta;
    private static Path keys;

    @BeforeAll
    static void start() throws Exception {
        keys = Files.createTempDirectory("dkim-keys-");
        TestKeys.Key rsa = TestKeys.rsa(keys, "example.test", "rsa1");
        TestKeys.Key ed = TestKeys.ed25519(keys, "example.test", "ed1");
        InMemoryResolver dns = InMemoryResolver.builder()
                .mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.1")
                .txt("rsa1._domainkey.example.test", rsa.txt())
                .txt("ed1._domainkey.example.test", ed.txt())
                .txt("_dmarc.example.test", "v=DMARC1; p=reject")
                .build();
        remote = TestMta.builder().set("server.hostname", "mx.remote.test").set("domains.local", "remote.test")
                .user("carol", TestMta.PASSWORD).resolver(dns).start();
        mta = TestMta.builder().resolver(dns)
                .set("delivery.port", Integer.toString(remote.smtp().getPort()))
                .set("dkim.key.example.test", "rsa1=" + rsa.pem() + ", ed1=" + ed.pem())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        mta.close();
        remote.close();
        TestMta.delete(keys);
    }

    private static SmtpDialog submission() throws Exception {
        SmtpDialog d = SmtpDialog.connect(mta.submission());
        expect(d.read(), 220);
        expect(d.cmd("EHLO laptop.example.test"), 250);
        d.startTls();
        expect(d.cmd("EHLO laptop.example.test"), 250);
        return d;
    }

    @Test
    @Tag("4954-4-tls-server")
    void authIsNotOfferedNorAcceptedBeforeTls_rfc4954_4() throws Exception {
        try (SmtpDialog d = SmtpDialog.connect(mta.submission())) {
            expect(d.read(), 220);
            SmtpDialog.Answer ehlo = expect(d.cmd("EHLO laptop.example.test"), 250);
            assertFalse(ehlo.lines().stream().anyMatch(l -> l.startsWith("AUTH")), "no AUTH in clear text: " + ehlo);
            assertTrue(ehlo.lines().contains("STARTTLS"), ehlo.toString());
            SmtpDialog.Answer auth = d.authPlain("alice", TestMta.PASSWORD);
            assertTrue(auth.code() == 530 || auth.code() == 538, "AUTH in clear text refused: " + auth);
            assertTrue(d.cmd("MAIL FROM:<alice@example.test>").code() == 530, "STARTTLS first (RFC 3207 §4)");
        }
    }

    @Test
    @Tag("4954-6-530-server")
    void mailWithoutAuthGets530_rfc4954_6() throws Exception {
        try (SmtpDialog d = submission()) {
            SmtpDialog.Answer a = expect(d.cmd("MAIL FROM:<alice@example.test>"), 530);
            assertTrue(a.text().startsWith("5.7.0 "), a.toString());
        }
    }

    @Test
    @Tag("4954-6-sender-server")
    void usersSendOnlyAsTheirOwnAddresses() throws Exception {
        try (SmtpDialog d = submission()) {
            expect(d.authPlain("alice", TestMta.PASSWORD), 235);
            SmtpDialog.Answer other = expect(d.cmd("MAIL FROM:<bob@example.test>"), 553);
            assertTrue(other.text().startsWith("5.7.1 "), other.toString());
            expect(d.cmd("MAIL FROM:<someone@remote.test>"), 553);
            expect(d.cmd("MAIL FROM:<Alice+news@other.test>"), 250);
            expect(d.cmd("RCPT TO:<carol@remote.test>"), 250);
            expect(d.cmd("DATA"), 354);
            d.send("From: Bob <bob@example.test>\r\nTo: carol@remote.test\r\nSubject: spoof\r\n\r\nx\r\n.\r\n");
            SmtpDialog.Answer spoof = expect(d.read(), 550);
            assertTrue(spoof.text().startsWith("5.7.1 "), spoof.toString());
        }
    }

    @Test
    @Tag("4954-6-relay-server")
    @Tag("3848-2c")
    void relaysThroughTheQueueAndSignsWithRsaAndEd25519() throws Exception {
        try (SmtpDialog d = submission()) {
            expect(d.authPlain("alice", TestMta.PASSWORD), 235);
            expect(d.mail("alice@example.test", List.of("carol@remote.test"),
                    "From: Alice <alice@example.test>\r\nTo: carol@remote.test\r\nSubject: signed\r\n"
                            + "Message-ID: <signed@example.test>\r\n\r\nSigned twice.\r\n"), 250);
        }
        String m = InboundDeliveryTest.unfold(await(remote, "carol", "Subject: signed"));
        assertEquals(2, m.split("DKIM-Signature:", -1).length - 1, m);
        assertTrue(m.contains("a=rsa-sha256") && m.contains("a=ed25519-sha256"), m);
        // The remote MTA verified both signatures and DMARC (From: aligned with d=example.test).
        assertTrue(m.contains("dkim=pass header.d=example.test header.s=rsa1"), m);
        assertTrue(m.contains("dkim=pass header.d=example.test header.s=ed1"), m);
        assertTrue(m.contains("dmarc=pass header.from=example.test"), m);
        // RFC 3848: the submission hop was authenticated over TLS.
        assertTrue(m.contains("with ESMTPSA (TLSv1."), m);
    }

    @Test
    @Tag("8314-3.3a")
    void implicitTlsSubmission_rfc8314_3_3() throws Exception {
        try (SmtpDialog d = SmtpDialog.connectTls(mta.smtps())) {
            assertTrue(d.tlsProtocol().equals("TLSv1.3") || d.tlsProtocol().equals("TLSv1.2"), d.tlsProtocol());
            expect(d.read(), 220);
            SmtpDialog.Answer ehlo = expect(d.cmd("EHLO laptop.example.test"), 250);
            assertFalse(ehlo.lines().contains("STARTTLS"), "no STARTTLS inside implicit TLS: " + ehlo);
            assertTrue(ehlo.lines().stream().anyMatch(l -> l.startsWith("AUTH ")), ehlo.toString());
            expect(d.authPlain("bob", TestMta.PASSWORD), 235);
            expect(d.mail("bob@example.test", List.of("alice@example.test"),
                    "From: bob@example.test\r\nTo: alice@example.test\r\nSubject: implicit\r\n\r\nHi.\r\n"), 250);
        }
        String m = mta.awaitMaildir("alice", 1, Duration.ofSeconds(20)).stream()
                .filter(x -> x.contains("Subject: implicit")).findFirst().orElseThrow();
        assertTrue(InboundDeliveryTest.unfold(m).contains("with ESMTPSA (TLSv1."), m);
        assertTrue(m.contains("DKIM-Signature:"), "example.test has keys: local mail is signed too");
    }

    /** The message in {@code user}'s Maildir that contains {@code text}, waiting for it up to 30 s. */
    private static String await(TestMta at, String user, String text) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            for (String m : at.maildir(user)) {
                if (m.contains(text)) {
                    return m;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        throw new AssertionError("no message with " + text + " for " + user + ": " + at.maildir(user));
    }

    /** The header section of a stored message (up to the empty line), unfolded; Maildir lines end with LF. */
    private static String header(String message) {
        return InboundDeliveryTest.unfold(message.substring(0, message.indexOf("\n\n") + 1));
    }

    /** {@code message} with LF line ends, as a Maildir stores it. */
    private static String lf(String message) {
        return message.replace("\r\n", "\n");
    }

    @Test
    @Tag("6409-8-server")
    void aSubmissionWithoutFromDateOrMessageIdIsCompletedAndStillVerifies_rfc6409_8() throws Exception {
        try (SmtpDialog d = submission()) {
            expect(d.authPlain("alice", TestMta.PASSWORD), 235);
            expect(d.mail("alice@example.test", List.of("carol@remote.test"),
                    "To: carol@remote.test\r\nSubject: completed\r\n\r\nNo From, Date or Message-ID.\r\n"), 250);
        }
        String m = await(remote, "carol", "Subject: completed");
        String h = header(m);
        assertTrue(h.contains("\nFrom: <alice@example.test>\n"), h);
        assertTrue(h.matches("(?s).*\nDate: [A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\n.*"), h);
        assertTrue(h.matches("(?s).*\nMessage-ID: <[0-9a-f-]{36}@mx\\.example\\.test>\n.*"), h);
        // Signed after the completion: the remote MTA verifies both signatures, and DMARC aligns
        // with the From: the MSA added.
        assertTrue(h.contains("dkim=pass header.d=example.test header.s=rsa1"), h);
        assertTrue(h.contains("dkim=pass header.d=example.test header.s=ed1"), h);
        assertTrue(h.contains("dmarc=pass header.from=example.test"), h);
        assertTrue(m.endsWith("\n\nNo From, Date or Message-ID.\n"), m);
    }

    @Test
    @Tag("6409-8-server")
    void aSubmissionThatHasTheFieldsIsStoredAsSent_rfc6409_8() throws Exception {
        String message = "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nDate: Tue, 3 Jun 2008 11:05:30 +0000\r\n"
                + "Message-ID: <as-sent@example.test>\r\nSubject: as sent\r\n\r\nUnchanged.\r\n";
        try (SmtpDialog d = submission()) {
            expect(d.authPlain("alice", TestMta.PASSWORD), 235);
            expect(d.mail("alice@example.test", List.of("bob@example.test"), message), 250);
        }
        String m = await(mta, "bob", "Subject: as sent");
        // Only trace fields above it (Received:, DKIM-Signature:); the message itself as sent.
        assertTrue(m.endsWith("\n" + lf(message)), m);
        assertEquals(1, m.split("\nDate: ", -1).length - 1, m);
        assertEquals(1, m.split("\nMessage-ID: ", -1).length - 1, m);
    }

    @Test
    @Tag("6409-8-server")
    void inboundMailOnPort25IsNeverCompleted() throws Exception {
        String message = "To: bob@example.test\r\nSubject: inbound as is\r\n\r\nNo From, Date or Message-ID here either.\r\n";
        try (SmtpDialog d = SmtpDialog.connect(mta.smtp())) {
            expect(d.read(), 220);
            expect(d.cmd("EHLO mx.remote.test"), 250);
            expect(d.mail("someone@remote.test", List.of("bob@example.test"), message), 250);
        }
        String m = await(mta, "bob", "Subject: inbound as is");
        assertTrue(m.endsWith("\n" + lf(message)), m);
        String h = header(m);
        assertFalse(h.contains("\nFrom:") || h.contains("\nDate:") || h.contains("\nMessage-ID:"), h);
    }

    @Test
    @Tag("4954-4-535-server")
    void wrongPasswordGets535() throws Exception {
        try (SmtpDialog d = submission()) {
            SmtpDialog.Answer a = expect(d.authPlain("alice", "wrong"), 535);
            assertTrue(a.text().startsWith("5.7.8 "), a.toString());
        }
    }
}
