package smtp.wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A push decoder for the DATA section, RFC 5321 §4.1.1.4 and §4.5.2: feed it the octets that
 * follow the 354 reply, in chunks of any size; it removes dot-stuffing, writes the message
 * to a sink and stops exactly after the end-of-data indicator CRLF "." CRLF. The octets after
 * the indicator are not consumed: with PIPELINING they are the next command.
 *
 * <p>The only end of the message is CRLF.CRLF (the first line's "." counts as preceded by
 * CRLF, since the 354 reply follows a command line). LF.LF, CR.CR, LF.CRLF, CRLF.LF and every
 * other sequence in the SMTP-smuggling lists do not end it; with the default
 * {@link DataPolicy#STRICT} they make the message rejected, but reading still continues to
 * the real terminator so that nothing after it is taken as commands too early.
 *
 * <p>Memory stays bounded whatever the input: nothing is buffered; content goes to the sink
 * as it arrives, except a line-initial "." (and a CR after it), which may be the terminator.
 * After a refusal the sink holds exactly the content before the offending octet, whatever
 * the chunking. The checks and where the data ends never depend on how the input is split.
 *
 * <p>Not thread-safe; one instance per message.
 */
public final class DataDecoder {

    private final smtp.wire.internal.DotUnstuffer impl;

    /**
     * @param policy what to reject
     * @param sink   where the message goes (unstuffed; CRLF line endings as received);
     *               after a rejection no further octets are written to it
     */
    public DataDecoder(DataPolicy policy, OutputStream sink) {
        this.impl = new smtp.wire.internal.DotUnstuffer(policy, sink);
    }

    /**
     * Consumes octets up to and including the end-of-data indicator.
     *
     * @return how many octets of {@code buf[off..off+len)} were consumed; fewer than
     *         {@code len} only when the indicator ended within them
     * @throws IOException only when the sink throws; the decoder must then be abandoned
     */
    public int feed(byte[] buf, int off, int len) throws IOException {
        return impl.feed(buf, off, len);
    }

    /** True once the end-of-data indicator has been consumed. */
    public boolean isDone() {
        return impl.isDone();
    }

    /**
     * The outcome; only valid once {@link #isDone()}.
     *
     * @throws IllegalStateException before the end of data
     */
    public DataOutcome outcome() {
        return impl.outcome();
    }
}
