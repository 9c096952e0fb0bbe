package smtp.queue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * One delivery job handed to a {@link Transport}: a message and those of its recipients that
 * share a destination, to be sent in one transaction where the transport can (RFC 5321
 * §4.5.4.1: "only one copy of the message SHOULD be transmitted").
 *
 * @param message     the queued message (envelope, size, origin)
 * @param recipients  the recipients to deliver to now, at least one
 * @param destination what the recipients share: a domain, a relay host or a local transport's name
 * @param content     opens the octets to deliver (trace fields then content, CRLF lines)
 * @param operatorRequest the operator asked for this attempt ({@code queue flush}, {@code queue
 *                    release}, as Postfix's {@code postqueue -f}): the transport makes a real
 *                    attempt, forgetting first what it remembers about this destination's hosts
 *                    being unreachable (RFC 5321 §4.5.4.1's list of hosts a client cannot reach
 *                    spares retries, not an explicit request)
 */
public record Delivery(QueuedMessage message, List<Recipient> recipients, String destination, Content content,
                       boolean operatorRequest) {

    /** Opens the message octets; each call starts from the beginning. */
    @FunctionalInterface
    public interface Content {
        /**
         * The octets to deliver. The stream throws {@link IOException} before its last octet if
         * the spool file turns out damaged; a transport must then abort, never end the data.
         */
        InputStream open() throws IOException;
    }

    public Delivery {
        Objects.requireNonNull(message, "message");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient");
        }
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(content, "content");
    }

    /** A delivery the queue started by itself (a new message or a retry). */
    public Delivery(QueuedMessage message, List<Recipient> recipients, String destination, Content content) {
        this(message, recipients, destination, content, false);
    }
}
