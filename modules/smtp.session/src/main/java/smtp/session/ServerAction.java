package smtp.session;

import java.util.Objects;
import smtp.wire.Reply;

/**
 * What the I/O layer must do next for a {@link ServerSession}, in order.
 *
 * <ul>
 * <li>{@link Send}: write the reply's octets (the layer may gather several before one flush:
 *     RFC 2920 §3.2 lets a server answer a pipelined group in one write);</li>
 * <li>{@link StartTls}: flush, then run the TLS handshake as server on this connection at once
 *     and report {@link ServerSession#tlsStarted} or {@link ServerSession#tlsFailed};</li>
 * <li>{@link Close}: flush and close the connection; the session accepts no further input.</li>
 * </ul>
 */
public sealed interface ServerAction permits ServerAction.Send, ServerAction.StartTls, ServerAction.Close {

    /**
     * Write a reply.
     *
     * @param reply the reply exactly as it goes on the wire (enhanced status codes already
     *              added or removed per RFC 2034)
     */
    record Send(Reply reply) implements ServerAction {
        public Send {
            Objects.requireNonNull(reply, "reply");
        }

        /**
         * The wire octets, CRLF-terminated lines. An empty SASL challenge is written
         * {@code "334 " CRLF}: RFC 4954 §4 {@code continue-req = "334" SP [base64] CRLF}.
         */
        public byte[] bytes() {
            if (reply.code() == 334 && reply.lines().size() == 1 && reply.lines().get(0).isEmpty()) {
                return new byte[] {'3', '3', '4', ' ', '\r', '\n'};
            }
            return reply.toBytes();
        }
    }

    /** Start the TLS handshake now (RFC 3207 §4, after the 220 reply to STARTTLS). */
    record StartTls() implements ServerAction {
    }

    /** Close the connection (after 221 to QUIT, or after a 421). */
    record Close() implements ServerAction {
    }
}
