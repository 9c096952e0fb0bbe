package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smtp.dns.testing.Interop;
import smtp.wire.HeaderField;

/**
 * Cross-checks with dkimpy (Debian python3-dkim 1.1, an independent implementation that
 * supports rsa-sha256 and ed25519-sha256): what we sign verifies with dkimpy, what dkimpy
 * signs verifies with us, for RSA and Ed25519, simple and relaxed. dkimpy gets the key
 * records through its {@code dnsfunc} hook (no DNS involved).
 */
class DkimpyInteropTest {

    static final String SCRIPT = """
            import sys, dkim
            mode = sys.argv[1]
            msg = open(sys.argv[2], 'rb').read()
            if mode == 'verify':
                records = {}
                for line in open(sys.argv[3], encoding='utf-8'):
                    name, value = line.rstrip('\\n').split('\\t', 1)
                    records[name.lower().rstrip('.')] = value.encode()
                def dnsfunc(name, timeout=5):
                    n = name.decode() if isinstance(name, bytes) else name
                    return records.get(n.lower().rstrip('.'))
                d = dkim.DKIM(msg, minkey=1024)
                n = len([h for h in d.headers if h[0].lower() == b'dkim-signature'])
                out = []
                for i in range(n):
                    try:
                        out.append('pass' if d.verify(idx=i, dnsfunc=dnsfunc) else 'fail')
                    except Exception as e:
                        out.append('error')
                print(','.join(out))
            else:
                alg, hc, bc, selector, domain, keyfile = sys.argv[3:9]
                key = open(keyfile, 'rb').read().strip()
                sig = dkim.sign(msg, selector.encode(), domain.encode(), key,
                                canonicalize=(hc.encode(), bc.encode()), signature_algorithm=alg.encode(),
                                include_headers=[b'from', b'to', b'subject', b'date', b'message-id', b'cc'])
                sys.stdout.buffer.write(sig + msg)
            """;

    /** Whitespace, folding, trailing empty lines and UTF-8: the canonicalization corner cases. */
    static final String MESSAGE = "From: \"Joe Q. Public\" <joe@football.example.com>\r\n"
            + "To: Suzie Q <suzie@shopping.example.net>,\r\n\t  Mary <mary@example.org>\r\n"
            + "Subject:   Is dinner\t ready?  \r\n"
            + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
            + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Hi.\r\n\r\nWe lost the game.  Are you hungry yet? \t\r\n"
            + "Caf\u00e9 cr\u00e8me at 8,\tsame place.\r\n"
            + " leading space line\r\n"
            + "\r\n\r\n";

    static Path python;
    static Path script;
    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        python = Interop.debianPython();
        Interop.assume(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/dkim")), "python3-dkim (dkimpy)");
        script = dir.resolve("dkimpy_peer.py");
        Files.writeString(script, SCRIPT);
    }

    record Keys(DkimSigningKey rsa, DkimSigningKey ed25519, Path rsaPem, Path ed25519Seed) {
    }

    static Keys keys() throws IOException {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        Path seedFile = dir.resolve("ed25519.key");
        Files.writeString(seedFile, Base64.getEncoder().encodeToString(seed));
        Path pem = dir.resolve("rsa.pem");
        Files.writeString(pem, DkimKeys.pkcs8Pem(DkimKeys.RSA_2048.getPrivate()));
        return new Keys(DkimSigningKey.load(pem, "football.example.com", "rsa").orElseThrow(),
                DkimSigningKey.ed25519FromSeed(seed, "football.example.com", "ed").orElseThrow(), pem, seedFile);
    }

    static Path records(Keys k) throws IOException {
        Path f = dir.resolve("records.tsv");
        Files.writeString(f, k.rsa().keyName() + "\t" + k.rsa().keyRecord() + "\n"
                + k.ed25519().keyName() + "\t" + k.ed25519().keyRecord() + "\n");
        return f;
    }

    @ParameterizedTest(name = "{0} {1}/{2}")
    @CsvSource({"rsa-sha256,simple,simple", "rsa-sha256,relaxed,relaxed", "rsa-sha256,relaxed,simple",
        "ed25519-sha256,simple,simple", "ed25519-sha256,relaxed,relaxed", "ed25519-sha256,simple,relaxed"})
    @Tag("6376-5.5")
    @Tag("8463-3")
    void dkimpyVerifiesWhatWeSign(String alg, String hc, String bc) throws Exception {
        Keys k = keys();
        DkimSigningKey key = alg.startsWith("rsa") ? k.rsa() : k.ed25519();
        DkimSigner signer = new DkimSigner(List.of(key), DkimSignerOptions.defaults().withCanonicalization(
                DkimCanonicalization.fromTag(hc).orElseThrow(), DkimCanonicalization.fromTag(bc).orElseThrow()));
        byte[] msg = MESSAGE.getBytes(StandardCharsets.UTF_8);
        byte[] signed = DkimSignerTest.prepend(signer.sign(msg), msg);
        Path f = dir.resolve("ours.eml");
        Files.write(f, signed);
        String out = new String(PeerProcess.run(List.of(python.toString(), script.toString(), "verify", f.toString(),
                records(k).toString()), dir), StandardCharsets.UTF_8).strip();
        assertEquals("pass", out, new String(signed, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1}/{2}")
    @CsvSource({"rsa-sha256,simple,simple", "rsa-sha256,relaxed,relaxed", "rsa-sha256,relaxed,simple",
        "ed25519-sha256,simple,simple", "ed25519-sha256,relaxed,relaxed", "ed25519-sha256,simple,relaxed"})
    @Tag("6376-6.1.3")
    @Tag("8463-3")
    void weVerifyWhatDkimpySigns(String alg, String hc, String bc) throws Exception {
        Keys k = keys();
        boolean rsa = alg.startsWith("rsa");
        Path in = dir.resolve("plain.eml");
        Files.write(in, MESSAGE.getBytes(StandardCharsets.UTF_8));
        byte[] signed = PeerProcess.run(List.of(python.toString(), script.toString(), "sign", in.toString(), alg, hc, bc,
                rsa ? "rsa" : "ed", "football.example.com", (rsa ? k.rsaPem() : k.ed25519Seed()).toString()), dir);
        List<DkimResult> r = new DkimVerifier(DkimKeys.publish(List.of(k.rsa(), k.ed25519()))).verify(signed);
        assertEquals("pass", DkimTestData.summary(r), new String(signed, StandardCharsets.UTF_8));
        DkimSignature sig = r.get(0).signature().orElseThrow();
        assertEquals(alg, sig.algorithm().tag());
        assertEquals(hc + "/" + bc, sig.headerCanonicalization().tag() + "/" + sig.bodyCanonicalization().tag());
    }

    @Test
    @Tag("8463-A")
    void doubleSignedMessageVerifiesWithDkimpy() throws Exception {
        Keys k = keys();
        byte[] msg = MESSAGE.getBytes(StandardCharsets.UTF_8);
        List<HeaderField> fields = new DkimSigner(List.of(k.rsa(), k.ed25519()), DkimSignerOptions.defaults()).sign(msg);
        Path f = dir.resolve("double.eml");
        Files.write(f, DkimSignerTest.prepend(fields, msg));
        String out = new String(PeerProcess.run(List.of(python.toString(), script.toString(), "verify", f.toString(),
                records(k).toString()), dir), StandardCharsets.UTF_8).strip();
        assertEquals("pass,pass", out);
    }
}
