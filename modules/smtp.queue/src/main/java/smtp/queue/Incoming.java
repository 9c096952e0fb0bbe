package smtp.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import smtp.wire.HeaderField;

/**
 * A message being received into the spool. The server opens one with
 * {@link MailQueue#receive} once the envelope is known (at DATA or the first BDAT), streams
 * the content into {@link #content()}, and at the end of data calls {@link #commit}: only
 * when that returns is the message durable, and only then may the server answer
 * {@code 250 OK: queued as <id>} (RFC 5321 §6.1: with that reply the receiver "is accepting
 * responsibility for delivering or relaying the message").
 *
 * <p>Closing without committing discards the message (RSET, a dropped connection, a
 * rejection at end of data). Not thread-safe: one session writes it.
 *
 * <h2>Diagnostics</h2>
 * {@link #commit} throws {@link IOException} when the message could not be made durable
 * (disk full, I/O error); the server then answers {@code 451 4.3.0} and the message is gone.
 */
public interface Incoming extends AutoCloseable {

    /** The queue id, known from the start so that the server can put it in its Received: field. */
    QueueId id();

    /**
     * Where the content goes: the message exactly as received after dot-unstuffing (RFC 5321
     * §4.5.2), CRLF line endings, without the end-of-data indicator. Do not close it.
     */
    OutputStream content();

    /** The content octets written so far. */
    long size();

    /**
     * A fresh stream over the content written so far (not the trace fields), e.g. for DKIM
     * verification at the end of data before {@link #commit}.
     */
    java.io.InputStream openContent() throws IOException;

    /**
     * Makes the message durable. {@code trace} are the header fields computed at the end of
     * data (Received:, Authentication-Results:), stored as given and delivered above the
     * content, top to bottom; the content itself is never rewritten. Blocks until the
     * message's own octets and its directory entry are on stable storage (several messages
     * may share one directory sync: group commit).
     *
     * @return the queue id, for {@code 250 OK: queued as <id>}
     */
    QueueId commit(List<HeaderField> trace) throws IOException;

    /** {@link #commit(List)} with no trace fields. */
    default QueueId commit() throws IOException {
        return commit(List.of());
    }

    /** Discards the message unless it was committed. Never throws. */
    @Override
    void close();
}
