package smtp.wire.internal;

import java.util.Arrays;
import java.util.Optional;
import smtp.wire.LineFramer;

/**
 * The push framer behind {@link LineFramer}: finds line ends in a stream of octets while never
 * holding more than the line limit.
 *
 * <h2>Standards</h2>
 * RFC 5321 §2.3.8 (lines end with CRLF), §4.5.3.1.4 (a command line is at most 512 octets
 * including the CRLF), RFC 4954 §4 (12288 for AUTH lines).
 *
 * <h2>Behaviour</h2>
 * A line ends at LF. CR LF gives a {@link LineFramer.Framed.Line} without the CR; LF alone gives
 * one with {@code bareLf}. A CR not followed by LF stays in the content (the command parser
 * rejects it). When a line (ending included) would exceed the limit, its octets are counted but
 * no longer stored, and at its LF a {@link LineFramer.Framed.TooLong} is reported: memory stays
 * bounded by the limit whatever the peer sends.
 *
 * <h2>Diagnostics</h2>
 * {@link IllegalStateException} if {@link #feed} is called while a completed line has not been
 * taken (a caller bug, never input-dependent).
 */
public final class LineFraming {

    private static final int INITIAL = 128;

    private int max;
    private byte[] buf;
    private int held;          // octets stored for the current line
    private long count;        // octets seen of the current line (for TooLong)
    private boolean discarding;
    private LineFramer.Framed ready;

    public LineFraming(int maxOctets) {
        maxOctets(maxOctets);
        this.buf = new byte[Math.min(INITIAL, maxOctets)];
    }

    public void maxOctets(int maxOctets) {
        if (maxOctets < 2) {
            throw new IllegalArgumentException("a line limit includes the CRLF: at least 2");
        }
        this.max = maxOctets;
    }

    public int feed(byte[] in, int off, int len) {
        if (ready != null) {
            throw new IllegalStateException("take() the completed line before feeding more");
        }
        int end = off + len;
        int lf = off;
        while (lf < end && in[lf] != '\n') {
            lf++;
        }
        int body = lf - off; // octets before the LF (or all of them)
        store(in, off, body);
        if (lf == end) {
            return len;
        }
        count++; // the LF
        complete();
        return body + 1;
    }

    /** Stores (or, past the limit, only counts) octets of the current line. */
    private void store(byte[] in, int off, int n) {
        count += n;
        if (discarding) {
            return;
        }
        // The line can only be accepted if held + n + 1 (its LF) <= max.
        if (held + n + 1 > max) {
            discarding = true;
            return;
        }
        if (held + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(max, Math.max(held + n, buf.length * 2)));
        }
        System.arraycopy(in, off, buf, held, n);
        held += n;
    }

    private void complete() {
        if (discarding) {
            ready = new LineFramer.Framed.TooLong(count);
        } else {
            boolean crlf = held > 0 && buf[held - 1] == '\r';
            ready = new LineFramer.Framed.Line(Arrays.copyOf(buf, crlf ? held - 1 : held), !crlf);
        }
        held = 0;
        count = 0;
        discarding = false;
        if (buf.length > INITIAL * 4) {
            buf = new byte[INITIAL]; // give back memory after an AUTH-sized line
        }
    }

    public Optional<LineFramer.Framed> take() {
        LineFramer.Framed f = ready;
        ready = null;
        return Optional.ofNullable(f);
    }

    public int pending() {
        return discarding ? (int) Math.min(Integer.MAX_VALUE, count) : held;
    }
}
