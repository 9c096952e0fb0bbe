package smtp.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import smtp.auth.DkimParseResult;
import smtp.auth.DkimSigningKey;

/** DKIM test keys written as PKCS#8 PEM files, with the TXT record that publishes each. */
public final class TestKeys {

    private TestKeys() {
    }

    /** A key file and the record to publish at {@code <selector>._domainkey.<domain>}. */
    public record Key(Path pem, String selector, String txt) {
    }

    /** A new RSA 2048 key (RFC 8301 §3.2: signers SHOULD use at least 2048 bits). */
    public static Key rsa(Path dir, String domain, String selector) throws IOException {
        return write(dir, "RSA", 2048, domain, selector);
    }

    /** A new Ed25519 key (RFC 8463). */
    public static Key ed25519(Path dir, String domain, String selector) throws IOException {
        return write(dir, "Ed25519", 0, domain, selector);
    }

    private static Key write(Path dir, String algorithm, int bits, String domain, String selector) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                g.initialize(bits);
            }
            KeyPair pair = g.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path file = dir.resolve(selector + "." + domain + ".pem");
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            DkimSigningKey key = switch (DkimSigningKey.fromPem(pem, domain, selector)) {
                case DkimParseResult.Ok<DkimSigningKey> ok -> ok.value();
                case DkimParseResult.Invalid<DkimSigningKey> bad -> throw new IOException(bad.reason());
            };
            return new Key(file, selector, key.keyRecord());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
