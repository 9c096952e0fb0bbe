package smtp.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import smtp.wire.DotStuffingOutputStream;

/**
 * What the I/O layer must do next for a {@link ClientSession}, in order.
 *
 * <ul>
 * <li>{@link Send}: write these octets (one command, or a pipelined group of them);</li>
 * <li>{@link SendMessage}: stream the message content with {@link SendMessage#writeTo}
 *     (dot-stuffed after DATA, or as one BDAT LAST chunk), within the data block timeout;</li>
 * <li>{@link StartTls}: flush, run the TLS handshake as client, then call
 *     {@link ClientSession#tlsStarted} or {@link ClientSession#tlsFailed};</li>
 * <li>{@link Close}: close the connection; {@link ClientSession#results()} is final.</li>
 * </ul>
 */
public sealed interface ClientAction
        permits ClientAction.Send, ClientAction.SendMessage, ClientAction.StartTls, ClientAction.Close {

    /**
     * Write command lines.
     *
     * @param commands the command lines without CRLF, for logs (AUTH responses are masked)
     * @param bytes    the octets to write
     */
    record Send(List<String> commands, byte[] bytes) implements ClientAction {
        public Send {
            commands = List.copyOf(commands);
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The octets as text (for logs and tests). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Write the message content.
     *
     * @param body    the content
     * @param chunked true: {@code BDAT <size> LAST} then the octets as they are (RFC 3030 §2);
     *                false: the octets dot-stuffed and ended with CRLF.CRLF (RFC 5321 §4.5.2)
     */
    record SendMessage(MessageBody body, boolean chunked) implements ClientAction {
        public SendMessage {
            Objects.requireNonNull(body, "body");
        }

        /**
         * Streams the content to {@code out} and flushes it.
         *
         * @throws IOException from the body or from {@code out}, or when the body does not have
         *                     the size it declared (BDAT would lose step with the server)
         */
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = body.open()) {
                if (chunked) {
                    long size = body.size();
                    out.write(("BDAT " + size + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] buf = new byte[64 * 1024];
                    long left = size;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new IOException("message body shorter than its declared size " + size);
                        }
                        out.write(buf, 0, n);
                        left -= n;
                    }
                    if (in.read() >= 0) {
                        throw new IOException("message body longer than its declared size " + size);
                    }
                    out.flush();
                } else {
                    DotStuffingOutputStream stuffed = new DotStuffingOutputStream(out);
                    in.transferTo(stuffed);
                    stuffed.finish();
                }
            }
        }
    }

    /** Start the TLS handshake now (after 220 to STARTTLS, RFC 3207 §4). */
    record StartTls() implements ClientAction {
    }

    /** Close the connection. */
    record Close() implements ClientAction {
    }
}
