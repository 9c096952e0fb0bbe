package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import smtp.dns.testing.Interop;

/**
 * Sign-then-verify over the unsigned inputs of the shared DKIM data (see its EXPECTATIONS.md):
 * the dkimpy test messages (an Exim-style message, degenerate folding with an existing gmail
 * signature, the RFC 6376 example, a real mbox message, extra Received fields, a message
 * without From:) and RFC 6376 Appendix A.1. Each is signed by our signer, rsa-sha256 and
 * ed25519-sha256, simple and relaxed, then verified by our verifier and by dkimpy (Debian
 * python3-dkim, an independent implementation).
 */
class DkimSignThenVerifyTest {

    static final List<String> INPUTS = List.of("dkimpy/ed25519test.msg", "dkimpy/test2.message", "dkimpy/rfc6376.msg",
            "dkimpy/message.mbox", "dkimpy/test_extra.message", "dkimpy/test_nofrom.message",
            "rfc6376-appendix-A/A1-unsigned.eml");

    static final DkimSigningKey RSA = DkimKeys.rsa("football.example.com", "rsa");
    static final DkimSigningKey ED25519 = DkimKeys.ed25519("football.example.com", "ed");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String input : INPUTS) {
            for (String alg : List.of("rsa-sha256", "ed25519-sha256")) {
                for (String c : List.of("relaxed/relaxed", "simple/simple")) {
                    cases.add(Arguments.of(input, alg, c));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    @Tag("6376-5.5")
    @Tag("8463-3")
    void whatWeSignVerifiesWithUsAndWithDkimpy_rfc6376_5_5(String input, String alg, String canonicalization) throws Exception {
        byte[] message = DkimTestData.crlf(Files.readAllBytes(Interop.sharedData("conformance-data/dkim/" + input)));
        DkimSigningKey key = alg.startsWith("rsa") ? RSA : ED25519;
        String[] c = canonicalization.split("/");
        DkimSigner signer = new DkimSigner(List.of(key), DkimSignerOptions.defaults().withCanonicalization(
                DkimCanonicalization.fromTag(c[0]).orElseThrow(), DkimCanonicalization.fromTag(c[1]).orElseThrow()));
        byte[] signed = DkimSignerTest.prepend(signer.sign(message), message);
        String text = new String(signed, StandardCharsets.UTF_8);

        // our verifier: our signature (the topmost) passes; test2.message's own gmail signature
        // has no key here and is judged on its own
        List<DkimResult> ours = new DkimVerifier(DkimKeys.publish(List.of(RSA, ED25519))).verify(signed);
        assertEquals("pass", ours.get(0).keyword(), DkimTestData.summary(ours) + "\n" + text);
        DkimSignature sig = ours.get(0).signature().orElseThrow();
        assertEquals(alg, sig.algorithm().tag());
        assertEquals(key.selector(), sig.selector());
        assertTrue(sig.signedHeaders().contains("from"), "RFC 6376 §5.4: From is always signed, present or not");

        // dkimpy: the same first signature
        Path python = Interop.debianPython();
        Interop.assume(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/dkim")), "python3-dkim (dkimpy)");
        Path script = dir.resolve("dkimpy_peer.py");
        Files.writeString(script, DkimpyInteropTest.SCRIPT);
        Path records = dir.resolve("records.tsv");
        Files.writeString(records, RSA.keyName() + "\t" + RSA.keyRecord() + "\n" + ED25519.keyName() + "\t" + ED25519.keyRecord() + "\n");
        Path file = dir.resolve("signed.eml");
        Files.write(file, signed);
        String out = new String(PeerProcess.run(List.of(python.toString(), script.toString(), "verify", file.toString(),
                records.toString()), dir), StandardCharsets.UTF_8).strip();
        assertEquals("pass", out.split(",")[0], "dkimpy: " + out + "\n" + text);
    }
}
