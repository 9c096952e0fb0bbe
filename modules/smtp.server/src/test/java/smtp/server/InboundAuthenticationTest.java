package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.auth.DkimParseResult;
import smtp.auth.DkimSigner;
import smtp.auth.DkimSigningKey;
import smtp.dns.InMemoryResolver;
import smtp.wire.HeaderField;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestKeys;
import smtp.server.testing.TestMta;

/**
 * SPF, DKIM and DMARC on the SMTP listener, with DNS answers from an in-memory zone: the
 * Authentication-Results field, SPF enforcement at MAIL, DMARC enforcement at the end of data,
 * and temporary DNS failures answered 451 4.4.3, never with a rejection.
 */
class InboundAuthenticationTest {

    private static TestMta lenient;
    private static TestMta enforcing;
    private static Path keys;
    private static DkimSigner signer;

    @BeforeAll
    static void start() throws Exception {
        keys = Files.createTempDirectory("dkim-");
        TestKeys.Key k = TestKeys.ed25519(keys, "signed.test", "s1");
        signer = new DkimSigner(switch (DkimSigningKey.load(k.pem(), "signed.test", "s1")) {
            case DkimParseResult.Ok<DkimSigningKey> ok -> ok.value();
            case DkimParseResult.Invalid<DkimSigningKey> bad -> throw new AssertionError(bad.reason());
        });
        InMemoryResolver dns = InMemoryResolver.builder()
                .txt("spf-pass.test", "v=spf1 ip4:127.0.0.1 -all")
                .txt("spf-fail.test", "v=spf1 ip4:192.0.2.1 -all")
                .txt("bad-helo.test", "v=spf1 -all")
                .servfail("dns-broken.test")
                .txt("reject.test", "v=spf1 ip4:192.0.2.1 ~all").txt("_dmarc.reject.test", "v=DMARC1; p=reject")
                .txt("quarantine.test", "v=spf1 ip4:192.0.2.1 ~all").txt("_dmarc.quarantine.test", "v=DMARC1; p=quarantine")
                .txt("dmarc-broken.test", "v=spf1 ip4:192.0.2.1 ~all").servfail("_dmarc.dmarc-broken.test")
                .txt("signed.test", "v=spf1 ip4:192.0.2.1 ~all").txt("_dmarc.signed.test", "v=DMARC1; p=reject")
                .txt("s1._domainkey.signed.test", k.txt())
                .build();
        lenient = TestMta.builder().resolver(dns).start();
        enforcing = TestMta.builder().resolver(dns).set("dmarc.enforce", "true").start();
    }

    @AfterAll
    static void stop() throws Exception {
        lenient.close();
        enforcing.close();
        TestMta.delete(keys);
    }

    private static SmtpDialog session(TestMta mta, String helo) throws Exception {
        SmtpDialog d = SmtpDialog.connect(mta.smtp());
        expect(d.read(), 220);
        expect(d.cmd("EHLO " + helo), 250);
        return d;
    }

    private static String message(String from, String subject) {
        return "From: <" + from + ">\r\nTo: <alice@example.test>\r\nSubject: " + subject + "\r\n\r\nBody of " + subject + ".\r\n";
    }

    private static String delivered(TestMta mta, String subject) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            for (String m : mta.maildir("alice")) {
                if (m.contains("Subject: " + subject + "\n")) {
                    return InboundDeliveryTest.unfold(m);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not delivered: " + subject);
    }

    @Test
    @Tag("7208-2.4-server")
    void spfPassIsRecordedInAuthenticationResults() throws Exception {
        try (SmtpDialog d = session(lenient, "mail.spf-pass.test")) {
            expect(d.mail("news@spf-pass.test", List.of("alice@example.test"), message("news@spf-pass.test", "spfpass")), 250);
        }
        String m = delivered(lenient, "spfpass");
        assertTrue(m.contains("Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=news@spf-pass.test;"), m);
        assertTrue(m.contains("dkim=none;") && m.contains("dmarc=none header.from=spf-pass.test"), m);
    }

    @Test
    @Tag("7208-8.4-server")
    void spfFailAtMailFromGets550_5_7_23() throws Exception {
        try (SmtpDialog d = session(lenient, "client.remote.test")) {
            SmtpDialog.Answer a = expect(d.cmd("MAIL FROM:<forged@spf-fail.test>"), 550);
            assertTrue(a.text().startsWith("5.7.23 "), a.toString());
        }
    }

    @Test
    @Tag("7208-2.3-server")
    void spfFailForHeloIsRefusedAtMail() throws Exception {
        try (SmtpDialog d = session(lenient, "bad-helo.test")) {
            SmtpDialog.Answer a = expect(d.cmd("MAIL FROM:<someone@spf-pass.test>"), 550);
            assertTrue(a.text().startsWith("5.7.23 ") && a.text().contains("HELO"), a.toString());
        }
    }

    @Test
    @Tag("7208-8.6-server")
    void temporaryDnsFailureGets451_4_4_3NeverARejection() throws Exception {
        try (SmtpDialog d = session(lenient, "client.remote.test")) {
            SmtpDialog.Answer a = expect(d.cmd("MAIL FROM:<user@dns-broken.test>"), 451);
            assertTrue(a.text().startsWith("4.4.3 "), a.toString());
        }
        try (SmtpDialog d = session(enforcing, "client.remote.test")) {
            expect(d.cmd("MAIL FROM:<user@spf-pass.test>"), 250);
            expect(d.cmd("RCPT TO:<alice@example.test>"), 250);
            expect(d.cmd("DATA"), 354);
            d.send(message("boss@dmarc-broken.test", "dmarctemp") + ".\r\n");
            SmtpDialog.Answer a = expect(d.read(), 451);
            assertTrue(a.text().startsWith("4.4.3 "), a.toString());
        }
    }

    @Test
    @Tag("7489-6.7-server")
    void dmarcRejectIsEnforcedWith550_5_7_1() throws Exception {
        try (SmtpDialog d = session(enforcing, "client.remote.test")) {
            expect(d.cmd("MAIL FROM:<bounces@spf-pass.test>"), 250);
            expect(d.cmd("RCPT TO:<alice@example.test>"), 250);
            expect(d.cmd("DATA"), 354);
            d.send(message("ceo@reject.test", "phish") + ".\r\n");
            SmtpDialog.Answer a = expect(d.read(), 550);
            assertTrue(a.text().startsWith("5.7.1 ") && a.text().contains("DMARC"), a.toString());
        }
    }

    @Test
    @Tag("7489-6.6.1-server")
    void dmarcRejectionWithoutAnAuthorDomainSaysWhy_rfc7489_6_6_1() throws Exception {
        String noFrom = "To: <alice@example.test>\r\nSubject: nofrom\r\n\r\nNo author.\r\n";
        String twoFroms = "From: <a@spf-pass.test>\r\n" + message("b@spf-pass.test", "twofroms");
        String unparseable = "From: <news@spf-pass.test>\r\nthis line has no colon\r\nSubject: broken\r\n\r\nBody.\r\n";
        for (String[] c : new String[][] {{noFrom, "no From: field (RFC 7489 section 6.6.1)"},
                {twoFroms, "2 From: fields"}, {unparseable, "header section does not parse"}}) {
            try (SmtpDialog d = session(enforcing, "client.remote.test")) {
                expect(d.cmd("MAIL FROM:<bounces@spf-pass.test>"), 250);
                expect(d.cmd("RCPT TO:<alice@example.test>"), 250);
                expect(d.cmd("DATA"), 354);
                d.send(c[0] + ".\r\n");
                SmtpDialog.Answer a = expect(d.read(), 550);
                assertTrue(a.text().startsWith("5.7.1 Email rejected per DMARC policy") && a.text().contains(c[1]), a.toString());
                assertFalse(a.text().endsWith("for "), "no empty domain: " + a);
                assertTrue(a.text().chars().allMatch(ch -> ch >= 32 && ch < 127), "US-ASCII reply text: " + a);
            }
        }
    }

    @Test
    @Tag("7489-6.7-server")
    void dmarcQuarantineDeliversWithAMarkingField() throws Exception {
        try (SmtpDialog d = session(enforcing, "client.remote.test")) {
            expect(d.mail("bounces@spf-pass.test", List.of("alice@example.test"),
                    message("ceo@quarantine.test", "suspicious")), 250);
        }
        String m = delivered(enforcing, "suspicious");
        assertTrue(m.contains("X-DMARC-Quarantine: yes"), m);
        assertTrue(m.contains("dmarc=fail header.from=quarantine.test"), m);
    }

    @Test
    @Tag("7489-6.7-server")
    void withoutEnforcementDmarcFailIsOnlyRecorded() throws Exception {
        try (SmtpDialog d = session(lenient, "client.remote.test")) {
            expect(d.mail("bounces@spf-pass.test", List.of("alice@example.test"), message("ceo@reject.test", "recorded")), 250);
        }
        String m = delivered(lenient, "recorded");
        assertTrue(m.contains("dmarc=fail header.from=reject.test"), m);
        assertFalse(m.contains("X-DMARC-Quarantine"), m);
    }

    @Test
    @Tag("8601-2.7.1-server")
    void dkimSignedMailPassesDmarcThroughAlignment() throws Exception {
        String unsigned = message("news@signed.test", "dkimsigned");
        StringBuilder signed = new StringBuilder();
        for (HeaderField f : signer.sign(unsigned.getBytes(StandardCharsets.UTF_8))) {
            signed.append(new String(f.raw(), StandardCharsets.UTF_8));
        }
        signed.append(unsigned);
        try (SmtpDialog d = session(enforcing, "client.remote.test")) {
            expect(d.mail("bounces@spf-pass.test", List.of("alice@example.test"), signed.toString()), 250);
        }
        String m = delivered(enforcing, "dkimsigned");
        assertTrue(m.contains("dkim=pass header.d=signed.test header.s=s1"), m);
        assertTrue(m.contains("dmarc=pass header.from=signed.test"), m);
        assertEquals(1, m.split("Authentication-Results:", -1).length - 1, "one field: " + m);
    }
}
