package smtp.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import smtp.dns.InMemoryResolver;
import smtp.dns.Resolver;

/**
 * Fuzz targets for the DKIM parsers (RFC 6376 §8.8, §8.9: key records and DKIM-Signature
 * fields may be malformed on purpose): they must return a value for every input, never throw.
 * Seeds: src/test/resources/smtp/auth/DkimFuzzInputs/.
 */
class DkimFuzz {

    static final Resolver DNS = InMemoryResolver.builder()
            .txt("brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
            .txt("test._domainkey.football.example.com", "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB")
            .build();
    static final DkimVerifier VERIFIER = new DkimVerifier(DNS);

    @FuzzTest(maxDuration = "10s")
    @Tag("6376-8.9")
    void signatureTagListNeverThrows(byte[] input) {
        DkimSignature.parse(new String(input, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "10s")
    @Tag("6376-8.8")
    void keyRecordNeverThrows(byte[] input) {
        DkimKeyRecord.parse(new String(input, StandardCharsets.UTF_8));
    }

    /** A whole message (header, signatures, body) through the streaming verifier. */
    @FuzzTest(maxDuration = "10s")
    @Tag("6376-8.9")
    void verifierNeverThrows(byte[] input) {
        List<DkimResult> r = VERIFIER.verify(input);
        r.forEach(DkimResult::keyword);
    }
}
