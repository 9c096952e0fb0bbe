package smtp.session.internal.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.CredentialStore;
import smtp.session.CredentialStores;
import smtp.session.ScramCredential;

/** The test vectors of RFC 4616 (PLAIN), RFC 7677 (SCRAM-SHA-256) and RFC 4013 (SASLprep). */
class SaslVectorsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- RFC 7677 §3

    /** RFC 7677 §3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, i=4096. */
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static CredentialStore rfc7677Store() {
        ScramCredential c = ScramCredential.derive("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        return CredentialStores.of(Map.of("user", c));
    }

    @Test
    @Tag("7677-3")
    void clientReproducesTheExampleExchange_rfc7677_3() {
        ScramClient client = new ScramClient("user", "pencil", () -> "rOprNGfwEbeRWgbNEkqO");
        assertEquals(CLIENT_FIRST, text(client.initialResponse().orElseThrow()));
        assertEquals(CLIENT_FINAL, text(client.evaluate(utf8(SERVER_FIRST)).orElseThrow()));
        // The server's signature checks out: the client acknowledges it with an empty response.
        assertArrayEquals(new byte[0], client.evaluate(utf8(SERVER_FINAL)).orElseThrow());
        assertTrue(client.acceptSuccess(Optional.empty()));
    }

    @Test
    @Tag("7677-3")
    void serverReproducesTheExampleExchange_rfc7677_3() {
        ScramServer server = new ScramServer(rfc7677Store(), () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        SaslStep first = server.start(Optional.of(utf8(CLIENT_FIRST)));
        assertEquals(SERVER_FIRST, text(assertInstanceOf(SaslStep.Challenge.class, first).data()));
        SaslStep last = server.respond(utf8(CLIENT_FINAL));
        SaslStep.Success success = assertInstanceOf(SaslStep.Success.class, last);
        assertEquals("user", success.identity());
        assertEquals(SERVER_FINAL, text(success.additional().orElseThrow()));
    }

    @Test
    @Tag("7677-3")
    void serverRefusesAWrongProof_rfc5802_5() {
        ScramServer server = new ScramServer(rfc7677Store(), () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        server.start(Optional.of(utf8(CLIENT_FIRST)));
        String forged = CLIENT_FINAL.replace("p=dHzb", "p=eHzb");
        SaslStep.Failure f = assertInstanceOf(SaslStep.Failure.class, server.respond(utf8(forged)));
        assertEquals(535, f.reply().code());
    }

    @Test
    @Tag("7677-3")
    void clientDetectsAServerThatDoesNotKnowThePassword_rfc5802_9() {
        ScramClient client = new ScramClient("user", "pencil", () -> "rOprNGfwEbeRWgbNEkqO");
        client.initialResponse();
        client.evaluate(utf8(SERVER_FIRST));
        assertTrue(client.evaluate(utf8("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")).isEmpty());
        assertFalse(client.acceptSuccess(Optional.empty()));
    }

    @Test
    @Tag("7677-3")
    void unknownUserGetsASaltAndFailsOnlyAtTheProof_rfc5802_5_1() {
        ScramServer server = new ScramServer(rfc7677Store(), () -> "xyz");
        SaslStep first = server.start(Optional.of(utf8("n,,n=nobody,r=abc")));
        String challenge = text(assertInstanceOf(SaslStep.Challenge.class, first).data());
        assertTrue(challenge.startsWith("r=abcxyz,s="), challenge);
        ScramClient client = new ScramClient("nobody", "pencil", () -> "abc");
        client.initialResponse();
        byte[] fin = client.evaluate(utf8(challenge)).orElseThrow();
        assertInstanceOf(SaslStep.Failure.class, server.respond(fin));
    }

    @Test
    @Tag("7677-3")
    void channelBindingIsRefusedAndReservedExtensionsFail_rfc5802_5_1() {
        assertInstanceOf(SaslStep.Failure.class,
                new ScramServer(rfc7677Store()).start(Optional.of(utf8("p=tls-unique,,n=user,r=abc"))));
        assertInstanceOf(SaslStep.Failure.class,
                new ScramServer(rfc7677Store()).start(Optional.of(utf8("n,,m=ext,n=user,r=abc"))));
    }

    @Test
    @Tag("7677-3")
    void saslnamesEscapeCommaAndEquals_rfc5802_5_1() {
        // saslname = 1*(value-safe-char / "=2C" / "=3D")
        assertEquals("a=3Db=2Cc", Scram.encodeName("a=b,c"));
        assertEquals(Optional.of("a=b,c"), Scram.decodeName("a=3Db=2Cc"));
        assertEquals(Optional.empty(), Scram.decodeName("a=b"));
        assertEquals(Optional.empty(), Scram.decodeName("a,b"));
        assertEquals(Optional.empty(), Scram.decodeName("a=2"));
        // An authzid that is not a saslname, or a gs2-header field that is not "a=", is malformed.
        assertEquals(SaslStep.MALFORMED, ((SaslStep.Failure) new ScramServer(rfc7677Store())
                .start(Optional.of(utf8("n,a=x=y,n=user,r=abc")))).reply());
        assertEquals(SaslStep.MALFORMED, ((SaslStep.Failure) new ScramServer(rfc7677Store())
                .start(Optional.of(utf8("n,z=user,n=user,r=abc")))).reply());
        assertEquals(SaslStep.MALFORMED, ((SaslStep.Failure) new ScramServer(rfc7677Store())
                .start(Optional.of(utf8("n,,n=us=er,r=abc")))).reply());
        assertInstanceOf(SaslStep.Challenge.class, new ScramServer(rfc7677Store()).start(Optional.of(utf8("n,a=user,n=user,r=abc"))));
    }

    // ---------------------------------------------------------------- RFC 4616 §4

    private static CredentialStore plainStore() {
        byte[] salt = utf8("0123456789abcdef");
        return new CredentialStore() {
            private final Map<String, ScramCredential> users = Map.of(
                    "tim", ScramCredential.derive("tanstaaftanstaaf", salt, 4096),
                    "Kurt", ScramCredential.derive("xipj3plmq", salt, 4096));

            @Override
            public Optional<ScramCredential> lookup(String username) {
                return Optional.ofNullable(users.get(username));
            }

            @Override
            public boolean mayActAs(String authcid, String authzid) {
                return authcid.equals(authzid) || (authcid.equals("Kurt") && authzid.equals("Ursel"));
            }
        };
    }

    @Test
    @Tag("4616-2")
    void plainExamplesOfRfc4616Section4() {
        // "The following is an example of an IMAP4 client ... tim ... tanstaaftanstaaf":
        // AUTHENTICATE "PLAIN" {20+} <NUL>tim<NUL>tanstaaftanstaaf
        byte[] tim = Base64.getDecoder().decode("AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
        assertArrayEquals(utf8("\0tim\0tanstaaftanstaaf"), tim);
        SaslStep.Success s = assertInstanceOf(SaslStep.Success.class, new PlainServer(plainStore()).start(Optional.of(tim)));
        assertEquals("tim", s.identity());
        // "... Kurt ... xipj3plmq ... authorization identity Ursel": Ursel<NUL>Kurt<NUL>xipj3plmq
        byte[] kurt = Base64.getDecoder().decode("VXJzZWwAS3VydAB4aXBqM3BsbXE=");
        assertArrayEquals(utf8("Ursel\0Kurt\0xipj3plmq"), kurt);
        SaslStep.Success u = assertInstanceOf(SaslStep.Success.class, new PlainServer(plainStore()).start(Optional.of(kurt)));
        assertEquals("Ursel", u.identity());
    }

    @Test
    @Tag("4616-2")
    void plainRefusesBadPasswordsForeignAuthzidsAndMalformedMessages_rfc4616_2() {
        CredentialStore store = plainStore();
        assertEquals(535, ((SaslStep.Failure) new PlainServer(store).start(Optional.of(utf8("\0tim\0wrong")))).reply().code());
        assertEquals(535, ((SaslStep.Failure) new PlainServer(store).start(Optional.of(utf8("root\0tim\0tanstaaftanstaaf")))).reply().code());
        assertEquals(535, ((SaslStep.Failure) new PlainServer(store).start(Optional.of(utf8("\0nobody\0x")))).reply().code());
        assertEquals(501, ((SaslStep.Failure) new PlainServer(store).start(Optional.of(utf8("tim\0tanstaaftanstaaf")))).reply().code());
        assertEquals(501, ((SaslStep.Failure) new PlainServer(store).start(Optional.of(utf8("\0\0x")))).reply().code());
        assertEquals(501, ((SaslStep.Failure) new PlainServer(store).start(Optional.of(new byte[] {0, (byte) 0xff, 0, 'x'}))).reply().code());
        // Without an initial response the server asks with an empty challenge (RFC 4954 §4).
        assertEquals(0, assertInstanceOf(SaslStep.Challenge.class, new PlainServer(store).start(Optional.empty())).data().length);
    }

    @Test
    @Tag("4616-2")
    void plainClientMessage_rfc4616_2() {
        assertArrayEquals(utf8("\0tim\0tanstaaftanstaaf"),
                new PlainClient("tim", "tanstaaftanstaaf").initialResponse().orElseThrow());
    }

    // ---------------------------------------------------------------- LOGIN

    @Test
    @Tag("4954-4d")
    void loginChallengesAreUsernameAndPassword() {
        LoginServer server = new LoginServer(plainStore());
        assertEquals("VXNlcm5hbWU6", Base64.getEncoder().encodeToString(
                assertInstanceOf(SaslStep.Challenge.class, server.start(Optional.empty())).data()));
        assertEquals("UGFzc3dvcmQ6", Base64.getEncoder().encodeToString(
                assertInstanceOf(SaslStep.Challenge.class, server.respond(utf8("tim"))).data()));
        assertInstanceOf(SaslStep.Success.class, server.respond(utf8("tanstaaftanstaaf")));
        LoginClient client = new LoginClient("tim", "secret");
        assertEquals("tim", text(client.evaluate(utf8("Username:")).orElseThrow()));
        assertEquals("secret", text(client.evaluate(utf8("Password:")).orElseThrow()));
    }

    // ---------------------------------------------------------------- RFC 4013 §3

    @Test
    @Tag("4013-3")
    void saslPrepExamples_rfc4013_3() {
        assertEquals(Optional.of("IX"), SaslPrep.prepare("I\u00ADX"));      // SOFT HYPHEN mapped to nothing
        assertEquals(Optional.of("user"), SaslPrep.prepare("user"));         // no transformation
        assertEquals(Optional.of("USER"), SaslPrep.prepare("USER"));         // case preserved
        assertEquals(Optional.of("a"), SaslPrep.prepare("\u00AA"));          // output is NFKC, input in ISO 8859-1
        assertEquals(Optional.of("IX"), SaslPrep.prepare("\u2168"));         // output is NFKC, will match 2nd example
        assertEquals(Optional.empty(), SaslPrep.prepare("\u0007"));           // Error - prohibited character
        assertEquals(Optional.empty(), SaslPrep.prepare("\u0627\u0031"));     // Error - bidirectional check
        assertEquals(Optional.of("a b"), SaslPrep.prepare("a\u00A0b"));     // non-ASCII space mapped to SPACE
    }

    @Test
    @Tag("7677-4")
    void credentialsKeepNoPasswordAndRoundTripThroughText_rfc7677_4() {
        ScramCredential c = ScramCredential.derive("pencil", utf8("saltsaltsaltsalt"), 4096);
        assertTrue(c.verify("pencil"));
        assertFalse(c.verify("Pencil"));
        String text = c.encode();
        assertFalse(text.contains("pencil"));
        assertTrue(text.startsWith("SCRAM-SHA-256$4096:"), text);
        assertEquals(Optional.of(c), ScramCredential.parse(text));
        assertEquals(Optional.empty(), ScramCredential.parse("SCRAM-SHA-256$4096:xx"));
        assertEquals(Optional.empty(), ScramCredential.parse("plain:pencil"));
        assertTrue(ScramCredential.derive("pencil").iterations() >= 4096);
    }
}
