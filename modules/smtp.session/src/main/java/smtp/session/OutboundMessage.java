package smtp.session;

import java.util.Objects;

/**
 * One message for a {@link ClientSession} to send: its envelope (the recipients of this
 * destination) and its content.
 *
 * @param envelope what to send MAIL and RCPT with
 * @param body     the content
 */
public record OutboundMessage(Envelope envelope, MessageBody body) {

    public OutboundMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(body, "body");
    }
}
