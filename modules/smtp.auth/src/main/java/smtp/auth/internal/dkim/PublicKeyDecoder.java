package smtp.auth.internal.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import smtp.auth.DkimKeyRecord;

/**
 * Decodes the {@code p=} octets of a key record into a JCA {@link PublicKey}.
 *
 * <ul>
 * <li>{@code k=rsa}: RFC 6376 §3.6.1 says "an ASN.1 DER-encoded RSAPublicKey" (PKCS#1), but
 * signers almost always publish a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7); both are accepted,
 * SubjectPublicKeyInfo first.</li>
 * <li>{@code k=ed25519}: RFC 8463 §4.2, the 32-octet public key of RFC 8032 §5.1.5, wrapped
 * here into a SubjectPublicKeyInfo (RFC 8410 §4) for the JDK's "Ed25519" KeyFactory.</li>
 * </ul>
 *
 * <h2>Diagnostics</h2>
 * Never throws: octets that are not a key of the type give an empty Optional.
 */
public final class PublicKeyDecoder {

    private PublicKeyDecoder() {
    }

    /** RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 octets) } prefix. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    public static Optional<PublicKey> decode(DkimKeyRecord.KeyType type, byte[] der) {
        try {
            return switch (type) {
                case RSA -> rsa(der);
                case ED25519 -> ed25519(der);
            };
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            // Malformed DER from the network (RFC 6376 §8.8: intentionally malformed key records).
            return Optional.empty();
        }
    }

    private static Optional<PublicKey> rsa(byte[] der) throws GeneralSecurityException, java.io.IOException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        try {
            PublicKey k = rsa.generatePublic(new X509EncodedKeySpec(der));
            if (k instanceof java.security.interfaces.RSAPublicKey) {
                return Optional.of(k);
            }
        } catch (GeneralSecurityException | RuntimeException notSpki) {
            // fall through to PKCS#1
        }
        ASN1Primitive asn1 = ASN1Primitive.fromByteArray(der.clone());
        RSAPublicKey pkcs1 = RSAPublicKey.getInstance(asn1);
        BigInteger n = pkcs1.getModulus();
        BigInteger e = pkcs1.getPublicExponent();
        if (n.signum() <= 0 || e.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(rsa.generatePublic(new RSAPublicKeySpec(n, e)));
    }

    private static Optional<PublicKey> ed25519(byte[] raw) throws GeneralSecurityException {
        // RFC 8463 §4.2: "the public key value is the 32-octet ... public key".
        if (raw.length != 32) {
            return Optional.empty();
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
    }

    /** The {@code p=} octets for {@code key}: SubjectPublicKeyInfo for RSA, the raw 32 octets for Ed25519. */
    public static byte[] encode(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (key.getAlgorithm().equals("RSA")) {
            return spki;
        }
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }
}
