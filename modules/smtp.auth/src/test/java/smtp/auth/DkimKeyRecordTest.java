package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DkimKeyRecordTest {

    /** dkimpy's test.txt key, as SubjectPublicKeyInfo. */
    static final String SPKI = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/"
            + "byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

    static String reason(String txt) {
        return ((DkimParseResult.Invalid<DkimKeyRecord>) DkimKeyRecord.parse(txt)).reason();
    }

    @Test
    @Tag("6376-3.6.1")
    void parsesEveryTagWithDefaults_rfc6376_3_6_1() {
        DkimKeyRecord r = DkimKeyRecord.parse("p=" + SPKI).orElseThrow();
        assertEquals(DkimKeyRecord.KeyType.RSA, r.keyType());
        assertTrue(r.allowsHash("sha256") && r.allowsHash("sha1"));
        assertTrue(r.allowsEmail());
        assertFalse(r.testing() || r.strict() || r.revoked());
        assertEquals(1024, r.keyBits());
        DkimKeyRecord all = DkimKeyRecord.parse("v=DKIM1; h=sha256 : future; k=rsa; n=hi=20there; s=email:web; t=y:s:zz; p="
                + SPKI.substring(0, 40) + "\r\n " + SPKI.substring(40)).orElseThrow();
        assertEquals(List.of("sha256", "future"), all.hashAlgorithms());
        assertFalse(all.allowsHash("sha1"));
        assertTrue(all.testing() && all.strict() && all.allowsEmail());
        assertEquals("hi=20there", all.notes());
    }

    @Test
    @Tag("6376-3.6.1")
    void versionMustBeDkim1AndFirst_rfc6376_3_6_1() {
        assertTrue(reason("v=DKIM3; p=" + SPKI).startsWith("unsupported key record version"));
        assertTrue(reason("k=rsa; v=DKIM1; p=" + SPKI).contains("v= is not the first tag"));
        assertTrue(reason("v=DKIM1.0; p=" + SPKI).startsWith("unsupported key record version"), "string comparison");
    }

    @Test
    @Tag("6376-3.6.1")
    void emptyPIsRevokedAndMissingPIsInvalid_rfc6376_3_6_1() {
        assertTrue(DkimKeyRecord.parse("v=DKIM1; p=").orElseThrow().revoked());
        assertTrue(reason("v=DKIM1; k=rsa").contains("no p= tag"));
        assertTrue(reason("k=foobar; p=" + SPKI).startsWith("unsupported key type"));
    }

    @Test
    @Tag("6376-3.6.1e")
    void rsaKeysAsSubjectPublicKeyInfoOrBarePkcs1_rfc6376_3_6_1() {
        RSAPublicKey spki = (RSAPublicKey) DkimKeyRecord.parse("p=" + SPKI).orElseThrow().publicKey().orElseThrow();
        // The bare RSAPublicKey is the BIT STRING inside the SubjectPublicKeyInfo (after 22 octets of prefix).
        byte[] der = Base64.getDecoder().decode(SPKI);
        String pkcs1 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(der, 22, der.length));
        assertTrue(pkcs1.startsWith("MIGJAoGB"));
        RSAPublicKey bare = (RSAPublicKey) DkimKeyRecord.parse("k=rsa; p=" + pkcs1).orElseThrow().publicKey().orElseThrow();
        assertEquals(spki.getModulus(), bare.getModulus());
        assertEquals(spki.getPublicExponent(), bare.getPublicExponent());
    }

    @Test
    @Tag("8463-4.2")
    void ed25519KeysAreThe32RawOctets_rfc8463_4_2() {
        DkimKeyRecord r = DkimKeyRecord.parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").orElseThrow();
        assertEquals(DkimKeyRecord.KeyType.ED25519, r.keyType());
        assertEquals(256, r.keyBits());
        // dkimpy's badk.txt: an RSA key labelled k=ed25519-sha256 (not a key type) - and k=ed25519 with an RSA key.
        assertTrue(reason("v=DKIM1; k=ed25519-sha256; p=" + SPKI).startsWith("unsupported key type"));
        assertTrue(reason("v=DKIM1; k=ed25519; p=" + SPKI).startsWith("p= is not a ed25519 public key"));
        assertTrue(reason("v=DKIM1; k=ed25519; p=AAAA").startsWith("p= is not a ed25519 public key"));
    }

    @Test
    @Tag("6376-8.8")
    void neverThrows_rfc6376_8_8() {
        qt().withExamples(20000).forAll(strings().allPossible().ofLengthBetween(0, 100)).checkAssert(DkimKeyRecord::parse);
        qt().withExamples(5000).forAll(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 200))
                .checkAssert(s -> DkimKeyRecord.parse("k=rsa; p=" + s));
        qt().withExamples(2000).forAll(strings().betweenCodePoints('A', 'z').ofLengthBetween(0, 300))
                .checkAssert(s -> DkimKeyRecord.parse("k=rsa; p=MIGJAoGB" + s));
    }
}
