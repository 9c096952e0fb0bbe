package smtp.session.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 primitives of RFC 5802 §2.2 and §3, with the JDK's PBKDF2 and HMAC:
 *
 * <pre>
 * SaltedPassword  := Hi(Normalize(password), salt, i)
 * ClientKey       := HMAC(SaltedPassword, "Client Key")
 * StoredKey       := H(ClientKey)
 * ServerKey       := HMAC(SaltedPassword, "Server Key")
 * ClientSignature := HMAC(StoredKey, AuthMessage)
 * ClientProof     := ClientKey XOR ClientSignature
 * ServerSignature := HMAC(ServerKey, AuthMessage)
 * </pre>
 *
 * Hi() is PBKDF2 (RFC 8018) with HMAC-SHA-256 and dkLen the hash length (RFC 5802 §2.2).
 */
public final class Scram {

    private Scram() {
    }

    /** Hi(password, salt, i); the password must already be SASLprep'd. */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("empty password");
        }
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every JDK", e);
        }
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    public static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    public static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Client Key");
    }

    public static byte[] storedKey(byte[] saltedPassword) {
        return sha256(clientKey(saltedPassword));
    }

    public static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Server Key");
    }

    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ");
        }
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] ^ b[i]);
        }
        return r;
    }

    /**
     * RFC 5802 §5.1: {@code saslname = 1*(value-safe-char / "=2C" / "=3D")}: "," and "=" in a
     * user name are written =2C and =3D.
     */
    public static String encodeName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /**
     * The inverse of {@link #encodeName}; empty when the text holds a "," or an "=" not followed
     * by 2C or 3D (not a saslname).
     */
    public static Optional<String> decodeName(String saslname) {
        StringBuilder sb = new StringBuilder(saslname.length());
        for (int i = 0; i < saslname.length(); i++) {
            char c = saslname.charAt(i);
            if (c == ',') {
                return Optional.empty();
            }
            if (c == '=') {
                if (saslname.startsWith("=2C", i)) {
                    sb.append(',');
                } else if (saslname.startsWith("=3D", i)) {
                    sb.append('=');
                } else {
                    return Optional.empty();
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return Optional.of(sb.toString());
    }
}
