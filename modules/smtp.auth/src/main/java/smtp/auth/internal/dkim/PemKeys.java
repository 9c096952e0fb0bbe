package smtp.auth.internal.dkim;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import smtp.auth.DkimParseResult;

/**
 * Reads DKIM private keys. Bouncy Castle parses the PEM (the JDK has no PEM reader before
 * JDK 25's preview, and cannot read PKCS#1 "RSA PRIVATE KEY" at all); the key itself is then
 * built by the JDK's own KeyFactory, so signing runs on the JDK providers.
 *
 * <h2>Diagnostics</h2>
 * Never throws for key text; an unreadable, encrypted or public-only PEM gives
 * {@link DkimParseResult.Invalid}.
 */
public final class PemKeys {

    private PemKeys() {
    }

    /** The key pair in {@code pem}. */
    public static DkimParseResult<KeyPair> read(String pem) {
        Object o;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            o = parser.readObject();
        } catch (IOException | RuntimeException e) {
            return invalid("not a PEM private key: " + e.getMessage());
        }
        PrivateKeyInfo info;
        if (o instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo(); // "BEGIN RSA PRIVATE KEY" (PKCS#1)
        } else if (o instanceof PrivateKeyInfo pki) {
            info = pki; // "BEGIN PRIVATE KEY" (PKCS#8)
        } else if (o == null) {
            return invalid("no PEM object found");
        } else {
            return invalid("unsupported PEM object " + o.getClass().getSimpleName()
                    + " (encrypted keys and public keys cannot sign)");
        }
        try {
            var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                KeyFactory kf = KeyFactory.getInstance("RSA");
                PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
                if (!(priv instanceof RSAPrivateCrtKey crt)) {
                    return invalid("RSA key without its public exponent");
                }
                PublicKey pub = kf.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                return new DkimParseResult.Ok<>(new KeyPair(pub, priv));
            }
            if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
                byte[] seed = org.bouncycastle.asn1.ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
                return ed25519(seed);
            }
            return invalid("unsupported key algorithm " + oid + " (DKIM signs with RSA or Ed25519)");
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return invalid("unreadable private key: " + e.getMessage());
        }
    }

    /** An Ed25519 key pair from the 32-octet seed (RFC 8032 §5.1.5). */
    public static DkimParseResult<KeyPair> ed25519(byte[] seed) {
        if (seed.length != 32) {
            return invalid("an Ed25519 private key is 32 octets, not " + seed.length);
        }
        try {
            PrivateKey priv = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
            // The JDK cannot derive the public key from a private one; Bouncy Castle can (RFC 8032 §5.1.5).
            byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            PublicKey pub = PublicKeyDecoder.decode(smtp.auth.DkimKeyRecord.KeyType.ED25519, raw).orElseThrow();
            return new DkimParseResult.Ok<>(new KeyPair(pub, priv));
        } catch (GeneralSecurityException | RuntimeException e) {
            return invalid("unusable Ed25519 key: " + e.getMessage());
        }
    }

    private static <T> DkimParseResult<T> invalid(String reason) {
        return new DkimParseResult.Invalid<>(reason);
    }
}
