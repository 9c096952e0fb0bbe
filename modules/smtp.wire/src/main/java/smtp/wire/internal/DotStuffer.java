package smtp.wire.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The streaming dot-stuffing encoder behind {@link smtp.wire.DotStuffingOutputStream}.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.2: "Before sending a line of mail text, the SMTP client checks the first
 * character of the line. If it is a period, one additional period is inserted at the
 * beginning of the line."
 * <br>RFC 5321 §2.3.8: "SMTP client implementations MUST NOT transmit these characters [CR
 * and LF] except when they are intended as line terminators" — so a bare CR or bare LF in
 * the input is written as CRLF (and CR LF stays one CRLF). The output therefore never holds
 * a bare CR or LF that a receiver might take for a line end, nor an unstuffed line ".".
 * <br>RFC 5321 §4.1.1.4: {@link #finish()} writes the end-of-data indicator CRLF "." CRLF,
 * whose first CRLF ends the last line; if the message did not end with a line ending one is
 * added.
 *
 * <h2>Diagnostics</h2>
 * Only the underlying stream's {@link IOException}; writing after {@link #finish()} is a
 * programming error ({@link IllegalStateException}).
 */
public final class DotStuffer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] END_OF_DATA = {DOT, CR, LF};
    private static final byte[] SINGLE_DOT = {DOT};

    private final OutputStream out;
    /** The next octet starts a line (true at the start: the DATA line ended with CRLF). */
    private boolean atLineStart = true;
    /** The previous input octet was a CR, already written as CRLF: a LF now is its partner. */
    private boolean afterCr;
    private boolean finished;
    private final byte[] one = new byte[1];

    public DotStuffer(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IllegalStateException("the end of data has already been written");
        }
        final int end = off + len;
        int i = off;
        int runStart = off; // b[runStart..i) is input to copy as is
        while (i < end) {
            if (afterCr) {
                afterCr = false;
                if (b[i] == LF) {
                    // The LF of a CRLF whose CR (written as CRLF) ended the previous chunk.
                    i++;
                    runStart = i;
                    continue;
                }
            }
            if (atLineStart) {
                atLineStart = false;
                if (b[i] == DOT) {
                    // RFC 5321 §4.5.2: double a line-initial period. Copy the run so far plus
                    // one extra ".", then let the run continue from the original one.
                    copy(b, runStart, i);
                    out.write(SINGLE_DOT);
                    runStart = i;
                }
            }
            int stop = DataScan.nextLineEnd(b, i, end);
            i = stop;
            if (i == end) {
                break;
            }
            if (b[i] == CR) {
                if (i + 1 < end && b[i + 1] == LF) {
                    i += 2; // CRLF: part of the run
                } else if (i + 1 < end) {
                    // RFC 5321 §2.3.8: bare CR becomes CRLF.
                    copy(b, runStart, i);
                    out.write(CRLF);
                    i++;
                    runStart = i;
                } else {
                    // CR at the end of the chunk: write CRLF now, swallow a LF that may follow.
                    copy(b, runStart, i);
                    out.write(CRLF);
                    i++;
                    runStart = i;
                    afterCr = true;
                }
            } else {
                // RFC 5321 §2.3.8: bare LF becomes CRLF.
                copy(b, runStart, i);
                out.write(CRLF);
                i++;
                runStart = i;
            }
            atLineStart = true;
        }
        copy(b, runStart, end);
    }

    private void copy(byte[] b, int from, int to) throws IOException {
        if (to > from) {
            out.write(b, from, to - from);
        }
    }

    /** Ends the message with CRLF "." CRLF, adding CRLF first unless the last line has ended. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (!atLineStart) {
            out.write(CRLF);
        }
        out.write(END_OF_DATA);
    }
}
