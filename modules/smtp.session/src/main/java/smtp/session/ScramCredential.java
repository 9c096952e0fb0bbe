package smtp.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import smtp.session.internal.sasl.SaslPrep;
import smtp.session.internal.sasl.Scram;

/**
 * A salted password hash in the form SCRAM-SHA-256 stores it (RFC 5802 §3, RFC 7677):
 * {@code SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations)},
 * {@code StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key"))},
 * {@code ServerKey = HMAC(SaltedPassword, "Server Key")}. The password itself is not
 * recoverable from it; a server holding it can run SCRAM-SHA-256 and can verify the password of
 * a PLAIN or LOGIN exchange.
 *
 * <p>Text form, as PostgreSQL writes SCRAM verifiers:
 * {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}.
 *
 * <h2>Standards</h2>
 * RFC 5802 §3 (the keys), RFC 7677 §4 ("the iteration count ... SHOULD be at least 4096"),
 * RFC 4013 (SASLprep of the password before hashing).
 *
 * @param iterations the PBKDF2 iteration count, at least 4096 (RFC 7677 §4)
 * @param salt       the salt, at least 16 octets when made by {@link #derive(String)}
 * @param storedKey  32 octets
 * @param serverKey  32 octets
 */
public record ScramCredential(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    /** The iteration count {@link #derive(String)} uses (PBKDF2-HMAC-SHA-256; RFC 7677 asks at least 4096). */
    public static final int DEFAULT_ITERATIONS = 100_000;

    private static final String PREFIX = "SCRAM-SHA-256$";

    public ScramCredential {
        // RFC 7677 §4: the hash iteration-count announced by a server SHOULD be at least 4096.
        if (iterations < 4096) {
            throw new IllegalArgumentException("RFC 7677 §4: iterations must be at least 4096");
        }
        if (salt.length == 0 || storedKey.length != 32 || serverKey.length != 32) {
            throw new IllegalArgumentException("SCRAM-SHA-256 keys are 32 octets and the salt is not empty");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** Hashes {@code password} with a fresh 16-octet random salt and {@link #DEFAULT_ITERATIONS}. */
    public static ScramCredential derive(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return derive(password, salt, DEFAULT_ITERATIONS);
    }

    /** Hashes {@code password} (after SASLprep) with the given salt and iteration count. */
    public static ScramCredential derive(String password, byte[] salt, int iterations) {
        byte[] salted = Scram.saltedPassword(SaslPrep.prepare(password).orElse(password), salt, iterations);
        return new ScramCredential(iterations, salt, Scram.storedKey(salted), Scram.serverKey(salted));
    }

    /** True when {@code password} is the one this credential was derived from (constant time). */
    public boolean verify(String password) {
        Optional<String> prepared = SaslPrep.prepare(password);
        if (prepared.isEmpty()) {
            return false;
        }
        byte[] salted = Scram.saltedPassword(prepared.get(), salt, iterations);
        return MessageDigest.isEqual(Scram.storedKey(salted), storedKey);
    }

    /** The text form {@code SCRAM-SHA-256$i:salt$StoredKey:ServerKey}. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                + ":" + b64.encodeToString(serverKey);
    }

    /** Parses the text form; empty if it is not one. */
    public static Optional<ScramCredential> parse(String text) {
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] halves = text.substring(PREFIX.length()).split("\\$", -1);
        if (halves.length != 2) {
            return Optional.empty();
        }
        String[] left = halves[0].split(":", -1);
        String[] right = halves[1].split(":", -1);
        if (left.length != 2 || right.length != 2) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return Optional.of(new ScramCredential(Integer.parseInt(left[0]), b64.decode(left[1]),
                    b64.decode(right[0]), b64.decode(right[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredential c && c.iterations == iterations && Arrays.equals(c.salt, salt)
                && MessageDigest.isEqual(c.storedKey, storedKey) && MessageDigest.isEqual(c.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return 31 * iterations + Arrays.hashCode(salt);
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "ScramCredential[SCRAM-SHA-256, iterations=" + iterations + "]";
    }
}
