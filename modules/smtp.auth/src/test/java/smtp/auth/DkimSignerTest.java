package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import smtp.dns.Resolver;
import smtp.dns.testing.Interop;
import smtp.wire.HeaderField;

class DkimSignerTest {

    static final String MESSAGE = """
            From: Joe SixPack <joe@football.example.com>
            To: Suzie Q <suzie@shopping.example.net>
            Subject: Is dinner ready?
            Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
            Message-ID: <20030712040037.46341.5F8J@football.example.com>

            Hi.

            We lost the game.  Are you hungry yet?\t\s

            Joe.


            """;

    static byte[] prepend(List<HeaderField> fields, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach(f -> out.writeBytes(f.raw()));
        out.writeBytes(message);
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({"RSA_SHA256,SIMPLE,SIMPLE", "RSA_SHA256,RELAXED,RELAXED", "RSA_SHA256,RELAXED,SIMPLE",
        "ED25519_SHA256,SIMPLE,SIMPLE", "ED25519_SHA256,RELAXED,RELAXED", "ED25519_SHA256,SIMPLE,RELAXED"})
    @Tag("6376-5.5")
    @Tag("8463-3")
    void signatureVerifies_rfc6376_5_5(DkimAlgorithm a, DkimCanonicalization h, DkimCanonicalization b) {
        DkimSigningKey key = a == DkimAlgorithm.RSA_SHA256 ? DkimKeys.rsa("football.example.com", "s1")
                : DkimKeys.ed25519("football.example.com", "s2");
        DkimSigner signer = new DkimSigner(List.of(key), DkimSignerOptions.defaults().withCanonicalization(h, b));
        byte[] msg = DkimTestData.crlf(MESSAGE);
        List<HeaderField> fields = signer.sign(msg);
        assertEquals(1, fields.size());
        DkimSignature sig = DkimSignature.parse(fields.get(0).value()).orElseThrow();
        assertEquals(a, sig.algorithm());
        assertEquals(h, sig.headerCanonicalization());
        assertEquals(b, sig.bodyCanonicalization());
        List<DkimResult> r = new DkimVerifier(DkimKeys.publish(List.of(key))).verify(prepend(fields, msg));
        assertEquals("pass", DkimTestData.summary(r));
    }

    @Test
    @Tag("6376-3.4.2")
    void relaxedSignatureSurvivesRefoldingAndWhitespace_rfc6376_3_4_2() {
        DkimSigningKey key = DkimKeys.rsa("football.example.com", "s1");
        byte[] msg = DkimTestData.crlf(MESSAGE);
        List<HeaderField> fields = new DkimSigner(key).sign(msg);
        String changed = new String(prepend(fields, msg), StandardCharsets.UTF_8)
                .replace("Subject: Is dinner ready?", "SUBJECT:   Is\r\n\t dinner   ready?  ")
                .replace("We lost the game.", "We  lost\tthe game.   ");
        assertEquals("pass", DkimTestData.summary(new DkimVerifier(DkimKeys.publish(List.of(key)))
                .verify(changed.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    @Tag("8463-A")
    @Tag("6376-5.6")
    void doubleSigningRsaAndEd25519BothPass_rfc8463_A() {
        DkimSigningKey rsa = DkimKeys.rsa("football.example.com", "rsa");
        DkimSigningKey ed = DkimKeys.ed25519("football.example.com", "ed");
        DkimSigner signer = new DkimSigner(List.of(rsa, ed), DkimSignerOptions.defaults());
        byte[] msg = DkimTestData.crlf(MESSAGE);
        List<HeaderField> fields = signer.sign(msg);
        assertEquals(2, fields.size());
        List<DkimResult> r = new DkimVerifier(DkimKeys.publish(List.of(rsa, ed))).verify(prepend(fields, msg));
        assertEquals("pass, pass", DkimTestData.summary(r));
        assertEquals(DkimAlgorithm.RSA_SHA256, r.get(0).signature().orElseThrow().algorithm());
        assertEquals(DkimAlgorithm.ED25519_SHA256, r.get(1).signature().orElseThrow().algorithm());
    }

    @Test
    @Tag("6376-5.4")
    @Tag("6376-5.4.2")
    void oversignedFieldsDetectAddedInstances_rfc6376_5_4() {
        DkimSigningKey key = DkimKeys.ed25519("football.example.com", "s");
        byte[] msg = DkimTestData.crlf(MESSAGE);
        List<HeaderField> fields = new DkimSigner(key).sign(msg);
        DkimSignature sig = DkimSignature.parse(fields.get(0).value()).orElseThrow();
        // From, To, Subject, Date, Message-ID occur once: listed twice; absent Cc listed once.
        assertEquals(2, sig.signedHeaders().stream().filter("from"::equals).count());
        assertEquals(2, sig.signedHeaders().stream().filter("subject"::equals).count());
        assertEquals(1, sig.signedHeaders().stream().filter("cc"::equals).count());
        assertTrue(sig.signedHeaders().stream().noneMatch("resent-date"::equals), "absent, not over-signed: not listed");
        Resolver dns = DkimKeys.publish(List.of(key));
        byte[] signed = prepend(fields, msg);
        String text = new String(signed, StandardCharsets.UTF_8);
        for (String added : List.of("Subject: Free money\r\n", "From: evil@example.net\r\n", "Cc: x@example.net\r\n")) {
            byte[] tampered = text.replace("Message-ID:", added + "Message-ID:").getBytes(StandardCharsets.UTF_8);
            assertEquals("fail(signature did not verify)", DkimTestData.summary(new DkimVerifier(dns).verify(tampered)), added);
        }
        // A field that is neither signed nor over-signed may be added.
        byte[] ok = text.replace("Message-ID:", "X-Mailer: test\r\nMessage-ID:").getBytes(StandardCharsets.UTF_8);
        assertEquals("pass", DkimTestData.summary(new DkimVerifier(dns).verify(ok)));
    }

    @Test
    @Tag("6376-5.4")
    void fromIsAlwaysSigned_rfc6376_5_4() {
        DkimSignerOptions o = DkimSignerOptions.defaults().withHeaders(List.of("subject"), Set.of());
        assertEquals(List.of("subject", "from"), o.signedHeaders());
        DkimSigningKey key = DkimKeys.ed25519("football.example.com", "s");
        List<HeaderField> f = new DkimSigner(List.of(key), o).sign(DkimTestData.crlf(MESSAGE));
        assertEquals(List.of("subject", "from"), DkimSignature.parse(f.get(0).value()).orElseThrow().signedHeaders());
    }

    @Test
    @Tag("6376-3.5b")
    void fieldIsFoldedAt78Characters() {
        DkimSigner signer = new DkimSigner(List.of(DkimKeys.rsa("football.example.com", "s1")),
                DkimSignerOptions.defaults().withTags(true, true).withIdentity("joe@football.example.com"));
        HeaderField f = signer.sign(DkimTestData.crlf(MESSAGE)).get(0);
        String raw = new String(f.raw(), StandardCharsets.US_ASCII);
        assertTrue(raw.startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;"), raw);
        assertTrue(raw.endsWith("\r\n"));
        for (String line : raw.split("\r\n")) {
            assertTrue(line.length() <= 78, "line over 78: " + line);
        }
        for (String cont : raw.substring(0, raw.length() - 2).split("\r\n", -1)) {
            assertTrue(cont.startsWith("DKIM-Signature:") || cont.startsWith("\t"), "continuation starts with WSP: " + cont);
        }
        DkimSignature sig = DkimSignature.parse(f.value()).orElseThrow();
        assertEquals("joe@football.example.com", sig.auid());
        assertTrue(sig.bodyLength().isPresent());
        assertTrue(sig.copiedHeaders().contains("Subject:Is dinner ready?"), sig.copiedHeaders().toString());
    }

    @Test
    @Tag("6376-3.5x")
    void expiryIsWrittenAndEnforced_rfc6376_3_5() {
        Clock t0 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        DkimSigningKey key = DkimKeys.ed25519("football.example.com", "s");
        DkimSigner signer = new DkimSigner(List.of(key), DkimSignerOptions.defaults().withClock(t0).withExpiry(Duration.ofHours(1)));
        byte[] msg = DkimTestData.crlf(MESSAGE);
        List<HeaderField> fields = signer.sign(msg);
        DkimSignature sig = DkimSignature.parse(fields.get(0).value()).orElseThrow();
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), sig.timestamp().orElseThrow());
        assertEquals(Instant.ofEpochSecond(1_700_003_600L), sig.expiration().orElseThrow());
        Resolver dns = DkimKeys.publish(List.of(key));
        byte[] signed = prepend(fields, msg);
        DkimVerifierOptions o = DkimVerifierOptions.defaults().withExpiryGrace(Duration.ZERO);
        assertEquals("pass", DkimTestData.summary(new DkimVerifier(dns, o.withClock(Clock.offset(t0, Duration.ofMinutes(59))))
                .verify(signed)));
        assertInstanceOf(DkimResult.Policy.class, new DkimVerifier(dns, o.withClock(Clock.offset(t0, Duration.ofMinutes(61))))
                .verify(signed).get(0));
        assertEquals("pass", DkimTestData.summary(new DkimVerifier(dns, o.withExpiryGrace(Duration.ofMinutes(5))
                .withClock(Clock.offset(t0, Duration.ofMinutes(61)))).verify(signed)));
    }

    @Test
    @Tag("6376-3.7")
    void streamingInAnyChunksGivesTheSameSignature_rfc6376_3_7() {
        DkimSigner signer = new DkimSigner(List.of(DkimKeys.ed25519("football.example.com", "s")),
                DkimSignerOptions.defaults().withClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
        byte[] msg = DkimTestData.crlf(MESSAGE + "more body\r\n \t \r\n\r\n".repeat(50));
        HeaderField whole = signer.sign(msg).get(0);
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            DkimSigning s = signer.newSigning();
            int pos = 0;
            while (pos < msg.length) {
                int n = Math.min(msg.length - pos, random.nextInt(round % 5 == 0 ? 3 : 40) + 1);
                s.write(msg, pos, n);
                pos += n;
            }
            assertEquals(whole, s.finish().get(0), "round " + round);
        }
    }

    @Test
    @Tag("8301-3.2")
    void refusesRsaKeysUnder1024Bits_rfc8301_3_2() {
        var small = DkimKeys.generate("RSA", 512);
        assertThrows(IllegalArgumentException.class,
                () -> new DkimSigningKey(DkimAlgorithm.RSA_SHA256, small.getPrivate(), small.getPublic(), "example.com", "s"));
        assertInstanceOf(DkimParseResult.Invalid.class, DkimSigningKey.fromPem(DkimKeys.pkcs8Pem(small.getPrivate()), "example.com", "s"));
    }

    @Test
    @Tag("8301-3.1")
    void refusesRsaSha1_rfc8301_3_1() {
        assertThrows(IllegalArgumentException.class, () -> new DkimSigningKey(DkimAlgorithm.RSA_SHA1,
                DkimKeys.RSA_2048.getPrivate(), DkimKeys.RSA_2048.getPublic(), "example.com", "s"));
    }

    @Test
    @Tag("6376-3.6.1")
    @Tag("8463-4.2")
    void keyRecordOfEachKeyParsesAndMatches_rfc6376_3_6_1() {
        for (DkimSigningKey k : List.of(DkimKeys.rsa("example.com", "a"), DkimKeys.ed25519("example.com", "b"))) {
            DkimKeyRecord r = DkimKeyRecord.parse(k.keyRecord()).orElseThrow();
            assertEquals(k.algorithm().keyType(), r.keyType());
            assertEquals(k.publicKey(), r.publicKey().orElseThrow());
        }
        assertTrue(DkimKeys.ed25519("example.com", "b").keyRecord().matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}="));
    }

    @Test
    @Tag("6376-5.2")
    void loadsPemKeysPkcs1Pkcs8AndEd25519Seeds_rfc6376_5_2() throws Exception {
        Path dir = Interop.sharedData("conformance-data/dkim");
        // PKCS#1 "BEGIN RSA PRIVATE KEY" (Bouncy Castle's PEM parser; the JDK cannot read it).
        DkimSigningKey pkcs1 = DkimSigningKey.load(dir.resolve("dkimpy/test.private"), "football.example.com", "test").orElseThrow();
        assertEquals(DkimAlgorithm.RSA_SHA256, pkcs1.algorithm());
        assertEquals(DkimKeyRecord.parse(Files.readString(dir.resolve("dkimpy/test.txt")).strip()).orElseThrow().publicKey().orElseThrow(),
                pkcs1.publicKey());
        // PKCS#8 "BEGIN PRIVATE KEY", RSA and Ed25519.
        assertEquals(DkimKeys.RSA_2048.getPublic(),
                DkimSigningKey.fromPem(DkimKeys.pkcs8Pem(DkimKeys.RSA_2048.getPrivate()), "example.com", "s").orElseThrow().publicKey());
        DkimSigningKey ed = DkimSigningKey.fromPem(DkimKeys.pkcs8Pem(DkimKeys.ED25519.getPrivate()), "example.com", "s").orElseThrow();
        assertEquals(DkimAlgorithm.ED25519_SHA256, ed.algorithm());
        assertEquals(DkimKeys.ed25519("example.com", "s").keyRecord(), ed.keyRecord());
        // The RFC 8463 seed derives the RFC's public key.
        byte[] seed = Base64.getDecoder().decode(Files.readString(dir.resolve("rfc8463/ed25519-private-seed.b64")).strip());
        assertEquals("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                DkimSigningKey.ed25519FromSeed(seed, "football.example.com", "brisbane").orElseThrow().keyRecord());
    }

    @Test
    @Tag("6376-5.2")
    void rejectsUnusablePem_rfc6376_5_2() {
        String pub = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(DkimKeys.RSA_2048.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        for (String pem : List.of("", "not a key", pub, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")) {
            assertInstanceOf(DkimParseResult.Invalid.class, DkimSigningKey.fromPem(pem, "example.com", "s"), pem);
        }
    }
}
