package smtp.auth.internal.dkim;

import java.util.Arrays;

/**
 * Splits a message that arrives in chunks into its header section, kept (bounded) because
 * DKIM needs the fields, and its body, passed straight through to the body hashers
 * (RFC 5322 §2.1: the header section ends at the first empty line).
 *
 * <p>Only the header section is buffered; body octets are never copied.
 *
 * <h2>Diagnostics</h2>
 * A header section longer than the limit is not kept: {@link #overflowed()} says so and the
 * rest of the message is ignored.
 */
public final class MessageSplitter {

    /** Receives the two parts. */
    public interface Parts {
        /** The header section, including the empty line when there is one. */
        void header(byte[] header, int length);

        /** The next body octets. */
        void body(byte[] b, int off, int len);
    }

    private final Parts parts;
    private final int maxHeader;
    private byte[] header = new byte[2048];
    private int headerLength;
    /**
     * How much of CRLF CRLF has been matched: starts at 2, as if the message were preceded by
     * a CRLF, so that a message starting with CRLF has an empty header section.
     */
    private int matched = 2;
    private boolean inBody;
    private boolean overflowed;
    private boolean finished;

    public MessageSplitter(Parts parts, int maxHeader) {
        this.parts = parts;
        this.maxHeader = maxHeader;
    }

    /** Feeds the next message octets. */
    public void write(byte[] b, int off, int len) {
        if (finished) {
            throw new IllegalStateException("message already finished");
        }
        if (inBody) {
            parts.body(b, off, len);
            return;
        }
        if (overflowed) {
            return;
        }
        int end = off + len;
        int i = off;
        int m = matched;
        while (i < end && m < 4) {
            byte c = b[i++];
            if (c == '\r') {
                m = (m == 2) ? 3 : 1;
            } else if (c == '\n') {
                m = (m == 1 || m == 3) ? m + 1 : 0;
            } else {
                m = 0;
            }
        }
        matched = m;
        if (!append(b, off, i - off)) {
            return;
        }
        if (m == 4) {
            inBody = true;
            parts.header(header, headerLength);
            header = null;
            if (i < end) {
                parts.body(b, i, end - i);
            }
        }
    }

    private boolean append(byte[] b, int off, int len) {
        if (headerLength + len > maxHeader) {
            overflowed = true;
            header = null;
            return false;
        }
        if (headerLength + len > header.length) {
            header = Arrays.copyOf(header, Math.min(maxHeader, Math.max(header.length * 2, headerLength + len)));
        }
        System.arraycopy(b, off, header, headerLength, len);
        headerLength += len;
        return true;
    }

    /** Ends the message; a message with no empty line is all header section and an empty body. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (!inBody && !overflowed) {
            inBody = true;
            parts.header(header, headerLength);
            header = null;
        }
    }

    /** True when the header section exceeded the limit. */
    public boolean overflowed() {
        return overflowed;
    }
}
