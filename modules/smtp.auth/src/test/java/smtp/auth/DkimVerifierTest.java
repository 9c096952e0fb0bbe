package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.InMemoryResolver;
import smtp.dns.RecordType;
import smtp.dns.Resolver;
import smtp.wire.HeaderField;

class DkimVerifierTest {

    static final DkimSigningKey RSA = DkimKeys.rsa("football.example.com", "rsa");
    static final DkimSigningKey ED = DkimKeys.ed25519("football.example.com", "ed");

    static byte[] signed(DkimSigningKey key, DkimSignerOptions o) {
        byte[] msg = DkimTestData.crlf(DkimSignerTest.MESSAGE);
        return DkimSignerTest.prepend(new DkimSigner(List.of(key), o).sign(msg), msg);
    }

    static byte[] signed(DkimSigningKey key) {
        return signed(key, DkimSignerOptions.defaults());
    }

    static String verify(Resolver dns, byte[] msg) {
        return DkimTestData.summary(new DkimVerifier(dns).verify(msg));
    }

    static Resolver record(DkimSigningKey key, String txt) {
        return InMemoryResolver.builder().txt(key.keyName(), txt).build();
    }

    static byte[] replace(byte[] msg, String from, String to) {
        String s = new String(msg, StandardCharsets.UTF_8);
        assertTrue(s.contains(from), from);
        return s.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Tag("6376-6.1")
    void unsignedMessageHasNoResult_rfc6376_6_1() {
        assertEquals(List.of(), new DkimVerifier(InMemoryResolver.builder().build()).verify(DkimTestData.crlf(DkimSignerTest.MESSAGE)));
    }

    @Test
    @Tag("6376-6.1.2a")
    void dnsTemporaryFailureIsTempErrorNeverFail_rfc6376_6_1_2() {
        byte[] tampered = replace(signed(RSA), "We lost", "We won");
        Resolver timeout = InMemoryResolver.builder().timeout(RSA.keyName()).build();
        Resolver servfail = InMemoryResolver.builder().servfail(RSA.keyName(), RecordType.TXT).build();
        assertEquals("temperror(key unavailable: timeout)", verify(timeout, tampered));
        assertEquals("temperror(key unavailable: SERVFAIL)", verify(servfail, tampered));
    }

    @Test
    @Tag("6376-6.1.2b")
    void missingKeyIsPermError_rfc6376_6_1_2() {
        byte[] msg = signed(RSA);
        assertTrue(verify(InMemoryResolver.builder().build(), msg).startsWith("permerror(no key for signature"));
        assertTrue(verify(InMemoryResolver.builder().txt(RSA.keyName().replace("rsa.", "other."), "x").build(), msg)
                .startsWith("permerror(no key for signature"));
        assertTrue(verify(InMemoryResolver.builder().a(RSA.keyName(), "192.0.2.1").build(), msg).contains("no TXT record"));
    }

    @Test
    @Tag("6376-6.1.2c")
    void unusableKeysArePermErrors_rfc6376_6_1_2() {
        byte[] msg = signed(RSA);
        String p = RSA.keyRecord().substring(RSA.keyRecord().indexOf("p="));
        assertEquals("permerror(key revoked)", verify(record(RSA, "v=DKIM1; p="), msg));
        assertTrue(verify(record(RSA, "v=DKIM1; h=sha1; " + p), msg).startsWith("permerror(inappropriate hash algorithm"));
        assertEquals("pass", verify(record(RSA, "v=DKIM1; h=sha1:sha256; " + p), msg));
        assertTrue(verify(record(RSA, "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="), msg)
                .startsWith("permerror(inappropriate key algorithm"));
        assertTrue(verify(record(RSA, "v=DKIM1; s=tlsrpt; " + p), msg).startsWith("permerror(key not for email"));
        assertEquals("pass", verify(record(RSA, "v=DKIM1; s=tlsrpt:email; " + p), msg));
        // dkimpy badversion.txt: "v=DKIM1: g=*" is the value "DKIM1: g=*" (":" and "=" are VALCHARs).
        assertTrue(verify(record(RSA, "v=DKIM1: k=rsa; " + p), msg).startsWith("permerror(unsupported key record version v=DKIM1: k=rsa"));
        assertTrue(verify(record(RSA, "v=DKIM1; k=rsa; t; " + p), msg).startsWith("permerror(key syntax error"));
        assertTrue(verify(record(RSA, "v=DKIM2; " + p), msg).startsWith("permerror(unsupported key record version"));
    }

    @Test
    @Tag("6376-6.1.2d")
    void firstUsableOfSeveralRecordsIsUsed_rfc6376_6_1_2() {
        Resolver dns = InMemoryResolver.builder().txt(RSA.keyName(), "not a key record").txt(RSA.keyName(), RSA.keyRecord()).build();
        assertEquals("pass", verify(dns, signed(RSA)));
    }

    @Test
    @Tag("6376-3.6.2.2")
    void txtStringsAreConcatenated_rfc6376_3_6_2_2() {
        String r = RSA.keyRecord();
        Resolver dns = InMemoryResolver.builder().txt(RSA.keyName(), List.of(r.substring(0, 100), r.substring(100, 300), r.substring(300))).build();
        assertEquals("pass", verify(dns, signed(RSA)));
    }

    @Test
    @Tag("6376-3.6.1")
    void testingAndStrictFlags_rfc6376_3_6_1() {
        String p = ED.keyRecord().substring(ED.keyRecord().indexOf("k="));
        DkimResult testing = new DkimVerifier(record(ED, "v=DKIM1; t=y; " + p)).verify(signed(ED)).get(0);
        assertInstanceOf(DkimResult.Pass.class, testing);
        assertEquals("key in testing mode (t=y)", testing.reason());
        byte[] sub = signed(ED, DkimSignerOptions.defaults().withIdentity("joe@mail.football.example.com"));
        assertEquals("pass", verify(record(ED, "v=DKIM1; " + p), sub));
        assertTrue(verify(record(ED, "v=DKIM1; t=s; " + p), sub).startsWith("permerror(i= domain differs from d="));
        assertEquals("pass", verify(record(ED, "v=DKIM1; t=s; " + p), signed(ED)));
    }

    @Test
    @Tag("6376-6.1.3")
    void modifiedBodyOrHeaderFails_rfc6376_6_1_3() {
        Resolver dns = DkimKeys.publish(List.of(RSA, ED));
        for (DkimSigningKey k : List.of(RSA, ED)) {
            byte[] msg = signed(k);
            assertEquals("pass", verify(dns, msg));
            assertEquals("fail(body hash did not verify)", verify(dns, replace(msg, "We lost", "We won")));
            assertEquals("fail(signature did not verify)", verify(dns, replace(msg, "Subject: Is dinner ready?", "Subject: Is lunch ready?")));
            assertEquals("fail(signature did not verify)", verify(dns, replace(msg, "d=football.example.com;", "d=football.example.com; x=99999999999;")));
        }
    }

    @Test
    @Tag("6376-3.5l")
    void bodyLengthLimitsTheHashedBody_rfc6376_3_5() {
        byte[] msg = signed(ED, DkimSignerOptions.defaults().withTags(true, false));
        Resolver dns = DkimKeys.publish(List.of(ED));
        assertEquals("pass", verify(dns, msg));
        String text = new String(msg, StandardCharsets.UTF_8);
        assertEquals("pass", verify(dns, (text + "Appended by a mailing list\r\n").getBytes(StandardCharsets.UTF_8)),
                "octets after l= are not covered");
        String cut = text.substring(0, text.indexOf("Joe.\r\n")) + "\r\n";
        assertTrue(verify(dns, cut.getBytes(StandardCharsets.UTF_8)).startsWith("fail(l="), "l= larger than the body");
    }

    @Test
    @Tag("8301-3.2")
    void minimumRsaKeySizeIsAPolicy_rfc8301_3_2() {
        var k1024 = DkimKeys.generate("RSA", 1024);
        DkimSigningKey key = new DkimSigningKey(DkimAlgorithm.RSA_SHA256, k1024.getPrivate(), k1024.getPublic(), "football.example.com", "k1024");
        byte[] msg = signed(key);
        Resolver dns = DkimKeys.publish(List.of(key));
        assertEquals("pass", verify(dns, msg), "1024 bits is the RFC 8301 minimum");
        List<DkimResult> strict = new DkimVerifier(dns, DkimVerifierOptions.defaults().withMinRsaKeyBits(2048)).verify(msg);
        assertEquals("policy(RSA key of 1024 bits is under 2048 (RFC 8301 §3.2))", DkimTestData.summary(strict));
        assertEquals("fail(body hash did not verify)", DkimTestData.summary(new DkimVerifier(dns, DkimVerifierOptions.defaults()
                .withMinRsaKeyBits(2048)).verify(replace(msg, "We lost", "We won"))), "a failing signature stays fail");
    }

    @Test
    @Tag("6376-6.1")
    void eachSignatureHasItsOwnResultUpToTheLimit_rfc6376_6_1() {
        byte[] msg = DkimTestData.crlf(DkimSignerTest.MESSAGE);
        List<HeaderField> fields = new ArrayList<>(new DkimSigner(List.of(RSA, ED), DkimSignerOptions.defaults()).sign(msg));
        fields.add(0, HeaderField.of("DKIM-Signature", "v=1; a=rsa-sha256; garbage"));
        fields.add(HeaderField.of("DKIM-Signature", "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=AAAA; b=AAAA"));
        byte[] signed = DkimSignerTest.prepend(fields, msg);
        Resolver dns = DkimKeys.publish(List.of(RSA, ED));
        List<DkimResult> r = new DkimVerifier(dns).verify(signed);
        assertEquals(List.of("neutral", "pass", "pass", "permerror"), r.stream().map(DkimResult::keyword).toList());
        assertTrue(r.get(0).signature().isEmpty());
        List<DkimResult> limited = new DkimVerifier(dns, DkimVerifierOptions.defaults().withMaxSignatures(2)).verify(signed);
        assertEquals(List.of("neutral", "pass", "pass", "policy"), limited.stream().map(DkimResult::keyword).toList());
    }

    @Test
    @Tag("6376-3.7")
    void streamingInAnyChunksGivesTheSameResults_rfc6376_3_7() {
        byte[] msg = signed(ED, DkimSignerOptions.defaults().withCanonicalization(DkimCanonicalization.SIMPLE, DkimCanonicalization.RELAXED));
        Resolver dns = DkimKeys.publish(List.of(ED));
        DkimVerifier v = new DkimVerifier(dns);
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            DkimVerification s = v.newVerification();
            int pos = 0;
            while (pos < msg.length) {
                int n = Math.min(msg.length - pos, random.nextInt(round % 3 == 0 ? 2 : 64) + 1);
                s.write(msg, pos, n);
                pos += n;
            }
            assertEquals("pass", DkimTestData.summary(s.finish()), "round " + round);
        }
    }

    @Test
    @Tag("6376-8.4")
    void oversizedHeaderSectionIsReported_rfc6376_8_4() {
        byte[] big = ("X-Filler: " + "a".repeat(2000) + "\r\n").repeat(600).getBytes(StandardCharsets.US_ASCII);
        DkimVerification v = new DkimVerifier(DkimKeys.publish(List.of(ED))).newVerification();
        v.write(big, 0, big.length);
        byte[] rest = signed(ED);
        v.write(rest, 0, rest.length);
        assertEquals(List.of(), v.finish());
        assertTrue(v.problem().orElseThrow().contains("header section exceeds"));
    }
}
