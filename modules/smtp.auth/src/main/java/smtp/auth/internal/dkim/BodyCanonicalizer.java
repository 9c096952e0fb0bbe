package smtp.auth.internal.dkim;

import smtp.auth.DkimCanonicalization;

/**
 * Streaming body canonicalization (RFC 6376 §3.4.3, §3.4.4): bytes go in chunk by chunk as
 * the message arrives, canonical bytes go to a {@link BodySink}, never the whole body at once.
 *
 * <p>Both algorithms only change the body at a few places (trailing empty lines; for relaxed,
 * whitespace runs). Simple hands the sink whole ranges of the input; relaxed copies the chunk
 * a small block at a time, edits the copy at those places and hands the sink the block (see
 * {@link RelaxedBodyCanonicalizer}). What could still change with the next chunk (a run of
 * CRLFs, whitespace or a CR at the end of the chunk) is withheld as a few counters, never as
 * bytes. One virtual call per chunk, none per byte.
 *
 * <p>Input is the message in "network normal" form (RFC 6376 §3.4 NOTE, §5.3): CRLF line
 * ends, after SMTP dot-unstuffing (§3.7: the hash is computed before transport encodings).
 */
public abstract sealed class BodyCanonicalizer permits SimpleBodyCanonicalizer, RelaxedBodyCanonicalizer {

    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte[] CRLF = {CR, LF};
    static final byte[] CR_ONLY = {CR};
    static final byte[] SP = {' '};

    final BodySink sink;
    /** CRLFs seen but not yet written: they may be empty lines at the end of the body. */
    long pendingCrlf;
    /** The previous chunk ended with a CR whose meaning depends on the next octet. */
    boolean pendingCr;
    /** Whether any canonical octet has been written. */
    boolean emitted;
    /** Relaxed only: a WSP run seen but not yet written (one SP if content follows on the line). */
    boolean pendingWsp;

    BodyCanonicalizer(BodySink sink) {
        this.sink = sink;
    }

    /** A canonicalizer for {@code c} writing to {@code sink}. */
    public static BodyCanonicalizer of(DkimCanonicalization c, BodySink sink) {
        return switch (c) {
            case SIMPLE -> new SimpleBodyCanonicalizer(sink);
            case RELAXED -> new RelaxedBodyCanonicalizer(sink);
        };
    }

    /** Feeds the next body octets. */
    public abstract void update(byte[] b, int off, int len);

    /** Ends the body (applies the end-of-body rules); call once. */
    public abstract void finish();

    /** The sink. */
    public BodySink sink() {
        return sink;
    }

    /** Writes withheld CRLFs, then {@code b[off..off+len)}; nothing for an empty range. */
    final void emit(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (pendingCrlf != 0 || pendingWsp) {
            flushPending();
        }
        sink.write(b, off, len);
        emitted = true;
    }

    /** Writes the withheld CRLFs, then a withheld WSP run as one SP: they were not at the end after all. */
    final void flushPending() {
        while (pendingCrlf > 0) {
            int n = (int) Math.min(pendingCrlf, CRLF_RUN.length / 2);
            sink.write(CRLF_RUN, 0, 2 * n);
            pendingCrlf -= n;
        }
        if (pendingWsp) {
            pendingWsp = false;
            sink.write(SP, 0, 1);
        }
    }

    /** 64 CRLFs, to write runs of empty lines in few calls. */
    private static final byte[] CRLF_RUN = "\r\n".repeat(64).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
