package smtp.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import smtp.auth.internal.dkim.BodyCanonicalizer;
import smtp.auth.internal.dkim.BodySink;

/**
 * The DKIM body hash (RFC 6376 §3.7 hash step 1, the {@code bh=} value) computed over a body
 * that arrives in pieces: canonicalize (§3.4.3 or §3.4.4), truncate to {@code l=}, hash.
 * {@link DkimVerifier} and {@link DkimSigner} do this internally; this class is for tools and
 * for measuring it.
 */
public final class DkimBodyHash {

    private final BodyCanonicalizer canonicalizer;
    private byte[] digest;

    private DkimBodyHash(BodyCanonicalizer canonicalizer) {
        this.canonicalizer = canonicalizer;
    }

    /**
     * @param c     the body canonicalization
     * @param a     the algorithm whose hash to use
     * @param limit the {@code l=} count, or {@link Long#MAX_VALUE} for the whole body
     */
    public static DkimBodyHash of(DkimCanonicalization c, DkimAlgorithm a, long limit) {
        Objects.requireNonNull(c, "c");
        if (limit < 0) {
            throw new IllegalArgumentException("l= is unsigned");
        }
        try {
            return new DkimBodyHash(BodyCanonicalizer.of(c, new BodySink(MessageDigest.getInstance(a.digestAlgorithm()), limit)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 and SHA-256 are mandatory JDK algorithms", e);
        }
    }

    /** Feeds the next body octets (CRLF line ends). */
    public DkimBodyHash update(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (digest != null) {
            throw new IllegalStateException("already finished");
        }
        canonicalizer.update(b, off, len);
        return this;
    }

    /** Ends the body; the hash (idempotent). */
    public byte[] digest() {
        if (digest == null) {
            canonicalizer.finish();
            digest = canonicalizer.sink().digest();
        }
        return digest.clone();
    }

    /** The canonicalized body length (all of it, whatever {@code l=} says); final after {@link #digest()}. */
    public long canonicalLength() {
        return canonicalizer.sink().length();
    }
}
