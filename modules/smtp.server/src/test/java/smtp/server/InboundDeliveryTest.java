package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/** Mail for local users through the SMTP listener: trace fields, Maildir, postmaster, subaddresses. */
class InboundDeliveryTest {

    private static TestMta mta;

    @BeforeAll
    static void start() throws Exception {
        mta = TestMta.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        mta.close();
    }

    private static String message(String subject) {
        return "From: Sender <sender@remote.test>\r\nTo: alice@example.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject + "@remote.test>\r\n\r\nHello.\r\n";
    }

    private static SmtpDialog session() throws Exception {
        SmtpDialog d = SmtpDialog.connect(mta.smtp());
        expect(d.read(), 220);
        expect(d.cmd("EHLO client.remote.test"), 250);
        return d;
    }

    private static String deliveredTo(String user, String subject) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            for (String m : mta.maildir(user)) {
                if (m.contains("Subject: " + subject + "\n")) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message " + subject + " in " + user + "'s Maildir");
    }

    @Test
    @Tag("5321-4.4a")
    @Tag("5321-4.4b")
    @Tag("3848-2a")
    void deliversToMaildirWithReturnPathAndReceivedField_rfc5321_4_4() throws Exception {
        try (SmtpDialog d = session()) {
            SmtpDialog.Answer a = d.mail("sender@remote.test", List.of("alice@example.test"), message("trace"));
            expect(a, 250);
            assertTrue(a.text().contains("queued as"), a.toString());
        }
        String m = deliveredTo("alice", "trace");
        // RFC 5321 §4.4: Return-Path first (final delivery), then our Received: field above the content.
        assertTrue(m.startsWith("Return-Path: <sender@remote.test>\n"), m);
        String received = unfold(m.substring(m.indexOf("Received:"), m.indexOf("\n", m.indexOf(";", m.indexOf("Received:")))));
        assertTrue(Pattern.compile("Received: from client\\.remote\\.test \\(\\[127\\.0\\.0\\.1\\]\\) by mx\\.example\\.test \\(smtp-ref\\)"
                + " with ESMTP id [0-9A-Z]+ for <alice@example\\.test>;").matcher(received).find(), received);
        assertTrue(m.indexOf("Received:") < m.indexOf("From: Sender"), "trace fields precede the content");
        // Maildir readers expect LF line ends.
        assertFalse(m.contains("\r"), "Maildir files use LF");
    }

    @Test
    @Tag("3848-2b")
    void receivedSaysEsmtpsAfterStartTls_rfc3848() throws Exception {
        try (SmtpDialog d = session()) {
            d.startTls();
            expect(d.cmd("EHLO client.remote.test"), 250);
            expect(d.mail("sender@remote.test", List.of("alice@example.test"), message("esmtps")), 250);
        }
        String m = unfold(deliveredTo("alice", "esmtps"));
        assertTrue(m.contains(" with ESMTPS (TLSv1."), m);
    }

    @Test
    @Tag("5321-4.5.1a")
    void postmasterExistsForEveryLocalDomain_rfc5321_4_5_1() throws Exception {
        try (SmtpDialog d = session()) {
            expect(d.cmd("MAIL FROM:<sender@remote.test>"), 250);
            expect(d.cmd("RCPT TO:<postmaster@example.test>"), 250);
            expect(d.cmd("RCPT TO:<PostMaster@other.test>"), 250);
            expect(d.cmd("RCPT TO:<Postmaster>"), 250);
            expect(d.cmd("DATA"), 354);
            d.send(message("postmaster") + ".\r\n");
            expect(d.read(), 250);
        }
        String m = deliveredTo("postmaster", "postmaster");
        assertTrue(m.contains("Delivered-To: postmaster@example.test") || m.contains("Delivered-To: PostMaster@other.test")
                || m.contains("Delivered-To: postmaster@mx.example.test"), m);
        assertEquals(1, mta.maildir("postmaster").stream().filter(x -> x.contains("Subject: postmaster\n")).count(),
                "three postmaster addresses reach one mailbox once");
    }

    @Test
    @Tag("5321-4.5.1b")
    void subaddressIsDeliveredToTheUser() throws Exception {
        try (SmtpDialog d = session()) {
            expect(d.mail("sender@remote.test", List.of("Bob+Lists@example.test"), message("subaddress")), 250);
        }
        assertTrue(deliveredTo("bob", "subaddress").contains("Delivered-To: Bob+Lists@example.test"));
    }

    @Test
    @Tag("5321-4.5.1c")
    void unknownLocalUserGets550_5_1_1() throws Exception {
        try (SmtpDialog d = session()) {
            expect(d.cmd("MAIL FROM:<sender@remote.test>"), 250);
            SmtpDialog.Answer a = d.cmd("RCPT TO:<nobody@example.test>");
            assertEquals(550, a.code());
            assertTrue(a.text().startsWith("5.1.1 "), a.toString());
        }
    }

    @Test
    @Tag("5321-4.1.2-server")
    void aNeedlesslyQuotedLocalPartReachesTheUser_rfc5321_4_1_2() throws Exception {
        try (SmtpDialog d = session()) {
            expect(d.cmd("MAIL FROM:<sender@remote.test>"), 250);
            expect(d.cmd("RCPT TO:<\"alice\"@example.test>"), 250);
            SmtpDialog.Answer a = expect(d.cmd("RCPT TO:<\"alice smith\"@example.test>"), 550);
            assertTrue(a.text().startsWith("5.1.1 "), a.toString());
        }
    }

    @Test
    @Tag("8601-5-server")
    void forgedAuthenticationResultsWithOurIdAreRemoved_rfc8601_5() throws Exception {
        String forged = "Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=ceo@example.test;\r\n"
                + "\tdkim=pass header.d=example.test\r\n"
                + "Authentication-Results: elsewhere.test; spf=fail smtp.mailfrom=x@remote.test\r\n";
        try (SmtpDialog d = session()) {
            expect(d.mail("sender@remote.test", List.of("alice@example.test"), forged + message("forged")), 250);
        }
        String m = deliveredTo("alice", "forged");
        assertEquals(1, count(m, "Authentication-Results: mx.example.test;"), m);
        assertTrue(m.contains("Authentication-Results: elsewhere.test;"), "other services' fields stay");
        assertFalse(m.contains("ceo@example.test"), m);
    }

    @Test
    @Tag("8601-5-server")
    void forgedAuthenticationResultsAreRemovedFromAnUnparseableHeaderSection_rfc8601_5() throws Exception {
        // The auditor's probe: a line without a colon made the whole section unparseable, and the
        // forged field was delivered. The message is still accepted (RFC 5321 §6.4: an MTA does
        // not repair or refuse content for its form); the forged field is not.
        String broken = "Authentication-Results: mx.example.test; dkim=pass header.d=bank.example; dmarc=pass\r\n"
                + "this line has no colon\r\n"
                + "Authentication-Results: MX.EXAMPLE.TEST; spf=pass smtp.mailfrom=ceo@bank.example\r\n"
                + "From: Sender <sender@remote.test>\r\nSubject: unparseable\r\n\r\nHello.\r\n";
        try (SmtpDialog d = session()) {
            expect(d.mail("sender@remote.test", List.of("alice@example.test"), broken), 250);
        }
        String m = deliveredTo("alice", "unparseable");
        assertFalse(m.contains("bank.example"), m);
        assertEquals(1, count(m.toLowerCase(java.util.Locale.ROOT), "authentication-results: mx.example.test;"), "only ours: " + m);
        assertTrue(m.contains("this line has no colon\n"), "the rest is stored as received: " + m);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static String unfold(String s) {
        return s.replaceAll("\r?\n[ \t]+", " ");
    }
}
