package smtp.auth.internal.dkim;

import java.security.MessageDigest;

/**
 * Where a body canonicalizer writes: the hash of RFC 6376 §3.7 step 1, truncated to the
 * {@code l=} count, and the full canonical length (to check {@code l=} against it, and to
 * write {@code l=} when signing).
 *
 * <p>A final class with no per-byte work: the canonicalizers hand it whole ranges.
 */
public final class BodySink {

    private final MessageDigest digest;
    private final long limit;
    private long hashed;
    private long length;
    /**
     * Short pieces (withheld CRLFs, one SP, a CR) are gathered here and hashed in one update:
     * each MessageDigest.update has a fixed cost that would otherwise dominate. Allocated on
     * the first short piece (the canonicalizers mostly write whole blocks and chunks, and a
     * 4 KB buffer per body costs as much as hashing 1 KB when bodies are small).
     */
    private byte[] pending;
    private int pendingLength;
    private static final int DIRECT = 256;
    private static final int PENDING = 1024;

    /**
     * @param digest the body hash algorithm of {@code a=}
     * @param limit  the {@code l=} count, or {@link Long#MAX_VALUE} for the whole body
     */
    public BodySink(MessageDigest digest, long limit) {
        this.digest = digest;
        this.limit = limit;
    }

    /** RFC 6376 §3.7: "hash the message body, canonicalized ... and then truncated to the length specified in the "l=" tag". */
    void write(byte[] b, int off, int len) {
        length += len;
        if (hashed < limit) {
            int n = (int) Math.min(len, limit - hashed);
            hashed += n;
            if (n >= DIRECT) {
                flush();
                digest.update(b, off, n);
            } else {
                if (pending == null) {
                    pending = new byte[PENDING];
                } else if (pendingLength + n > PENDING) {
                    flush();
                }
                System.arraycopy(b, off, pending, pendingLength, n);
                pendingLength += n;
            }
        }
    }

    private void flush() {
        if (pendingLength > 0) {
            digest.update(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    /** The canonicalized body length so far (all of it, not only the hashed part). */
    public long length() {
        return length;
    }

    /** The body hash; call once, after the canonicalizer's {@code finish()}. */
    public byte[] digest() {
        flush();
        return digest.digest();
    }
}
