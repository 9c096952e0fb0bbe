package smtp.auth.internal.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.auth.DkimSignature;
import smtp.auth.DkimSigningKey;
import smtp.dns.testing.Interop;
import smtp.wire.HeaderField;
import smtp.wire.HeaderSection;

/**
 * Our signing primitives reproduce the RFC 8463 Appendix A signatures bit for bit: Ed25519
 * (RFC 8032) and RSASSA-PKCS1-v1_5 are deterministic, so signing the RFC's own header hash input
 * with the RFC's keys must give exactly its b= values.
 */
class SigningVectorTest {

    @Test
    @Tag("8463-A")
    @Tag("8463-3")
    void reproducesTheRfc8463Signatures_rfc8463_A() throws IOException {
        Path dir = Interop.sharedData("conformance-data/dkim/rfc8463");
        byte[] msg = crlf(Files.readString(dir.resolve("signed-message.eml"), StandardCharsets.UTF_8));
        HeaderSection header = HeaderSection.parse(msg).orElseThrow();
        List<HeaderField> fields = header.fields();
        byte[] seed = Base64.getDecoder().decode(Files.readString(dir.resolve("ed25519-private-seed.b64")).strip());
        DkimSigningKey ed = DkimSigningKey.ed25519FromSeed(seed, "football.example.com", "brisbane").orElseThrow();
        DkimSigningKey rsa = DkimSigningKey.load(dir.resolve("rsa-1024-private.pem"), "football.example.com", "test").orElseThrow();
        int checked = 0;
        for (int i = 0; i < fields.size(); i++) {
            HeaderField f = fields.get(i);
            if (!f.nameIs("DKIM-Signature")) {
                continue;
            }
            DkimSignature sig = DkimSignature.parse(f.value()).orElseThrow();
            DkimSigningKey key = sig.selector().equals("brisbane") ? ed : rsa;
            byte[] data = SignatureCheck.signedData(sig, fields, i, f);
            assertEquals(sig.signatureBase64(), Base64.getEncoder().encodeToString(SigningSession.signature(key, data)), sig.selector());
            checked++;
        }
        assertEquals(2, checked);
    }

    static byte[] crlf(String lf) {
        return lf.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
