package smtp.session;

import java.io.IOException;
import smtp.wire.Reply;

/**
 * Receives one message from a {@link ServerSession}: the message octets in order, then exactly
 * one of {@link #commit()} or {@link #abort()}.
 *
 * <h2>Standards</h2>
 * RFC 5321 §6.1: "When the receiver-SMTP accepts a piece of mail (by sending a '250 OK'
 * message in response to DATA), it is accepting responsibility for delivering or relaying the
 * message." So {@link #commit()} returns only once the message is durable (the spool
 * implementation fsyncs), and its reply is what the client gets: typically
 * {@code 250 2.0.0 OK: queued as <id>}.
 *
 * <h2>Diagnostics</h2>
 * An {@link IOException} from {@link #write} or {@link #commit} makes the session answer
 * 451 4.3.0 (local error in processing, RFC 5321 §4.2.3) and abort; the session goes on.
 */
public interface MessageWriter extends MessageContent {

    /** Appends message octets (unstuffed DATA, or BDAT chunk content as sent). */
    void write(byte[] buf, int off, int len) throws IOException;

    /**
     * Makes the message durable and returns the reply for the client: 250 when the message was
     * accepted; the store may also refuse with 4yz/5yz (e.g. 452 4.3.1 when the disk is full).
     */
    Reply commit() throws IOException;

    /** Discards the message; never throws. */
    void abort();
}
