package smtp.wire;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A streaming encoder for the DATA section, RFC 5321 §4.5.2: "Before sending a line of mail
 * text, the SMTP client checks the first character of the line. If it is a period, one
 * additional period is inserted at the beginning of the line." {@link #close()} (or
 * {@link #finish()}) ends the message with CRLF.CRLF, first adding a CRLF if the message did
 * not end with one, and closes nothing underneath: the connection stays open.
 *
 * <p>Input must use CRLF line endings; a bare LF or CR is normalised to CRLF so that the
 * output can never carry a sequence that some server would misread as the end of data.
 */
public final class DotStuffingOutputStream extends FilterOutputStream {

    private final smtp.wire.internal.DotStuffer impl;

    public DotStuffingOutputStream(OutputStream out) {
        super(out);
        this.impl = new smtp.wire.internal.DotStuffer(out);
    }

    @Override
    public void write(int b) throws IOException {
        impl.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        impl.write(b, off, len);
    }

    /** Writes the end-of-data indicator (once) and flushes; does not close the underlying stream. */
    public void finish() throws IOException {
        impl.finish();
        out.flush();
    }

    /** Same as {@link #finish()}: the underlying stream stays open. */
    @Override
    public void close() throws IOException {
        finish();
    }
}
