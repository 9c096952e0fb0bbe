package smtp.auth.internal.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smtp.auth.DkimAlgorithm;
import smtp.auth.DkimCanonicalization;

/**
 * The body hashes one message needs, one per distinct (body canonicalization, hash, l=):
 * two signatures that agree on those share one pass over the body (e.g. an RSA and an
 * Ed25519 signature from the same signer, RFC 8463 §A.3).
 */
public final class BodyHashes {

    /** What determines a body hash. */
    public record Key(DkimCanonicalization canonicalization, String digestAlgorithm, long limit) {
        public static Key of(DkimCanonicalization c, DkimAlgorithm a, long limit) {
            return new Key(c, a.digestAlgorithm(), limit);
        }
    }

    private final Map<Key, BodyCanonicalizer> hashers = new LinkedHashMap<>();
    private BodyCanonicalizer[] all = new BodyCanonicalizer[0];
    private final Map<Key, byte[]> results = new LinkedHashMap<>();

    /** Registers a body hash to compute (before the body starts). */
    public void add(Key key) {
        hashers.computeIfAbsent(key, k -> {
            try {
                return BodyCanonicalizer.of(k.canonicalization(), new BodySink(MessageDigest.getInstance(k.digestAlgorithm()), k.limit()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 and SHA-256 are mandatory JDK algorithms", e);
            }
        });
        all = new ArrayList<>(hashers.values()).toArray(new BodyCanonicalizer[0]);
    }

    /** Feeds body octets to every hash. */
    public void update(byte[] b, int off, int len) {
        for (BodyCanonicalizer c : all) {
            c.update(b, off, len);
        }
    }

    /** Ends the body. */
    public void finish() {
        for (Map.Entry<Key, BodyCanonicalizer> e : hashers.entrySet()) {
            e.getValue().finish();
            results.put(e.getKey(), e.getValue().sink().digest());
        }
    }

    /** The hash for {@code key}, after {@link #finish()}. */
    public byte[] digest(Key key) {
        return results.get(key);
    }

    /** The canonicalized body length for {@code key}. */
    public long length(Key key) {
        return hashers.get(key).sink().length();
    }
}
