package smtp.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import smtp.dns.InMemoryResolver;
import smtp.dns.Resolver;

/** Test keys, generated once per test run (never written to disk). */
final class DkimKeys {

    private DkimKeys() {
    }

    static final KeyPair RSA_2048 = generate("RSA", 2048);
    static final KeyPair ED25519 = generate("Ed25519", 0);

    static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static DkimSigningKey rsa(String domain, String selector) {
        return new DkimSigningKey(DkimAlgorithm.RSA_SHA256, RSA_2048.getPrivate(), RSA_2048.getPublic(), domain, selector);
    }

    static DkimSigningKey ed25519(String domain, String selector) {
        return new DkimSigningKey(DkimAlgorithm.ED25519_SHA256, ED25519.getPrivate(), ED25519.getPublic(), domain, selector);
    }

    /** A resolver publishing each key's record at its key name. */
    static Resolver publish(List<DkimSigningKey> keys) {
        InMemoryResolver.Builder b = InMemoryResolver.builder();
        for (DkimSigningKey k : keys) {
            b.txt(k.keyName(), k.keyRecord());
        }
        return b.build();
    }

    /** PKCS#8 PEM of a private key, as "openssl genpkey" writes it. */
    static String pkcs8Pem(java.security.PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
