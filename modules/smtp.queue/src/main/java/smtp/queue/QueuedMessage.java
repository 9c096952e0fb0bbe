package smtp.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * The immutable part of a queued message: what the spool wrote when it accepted it.
 * The per-recipient progress is in {@link MessageState}.
 *
 * @param id       the queue id
 * @param arrival  when the spool accepted it (RFC 3464 §2.2.5 Arrival-Date)
 * @param origin   the client it came from
 * @param envelope the envelope
 * @param size     the message's octets as delivered: trace fields plus content
 */
public record QueuedMessage(QueueId id, Instant arrival, Origin origin, Envelope envelope, long size) {

    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(envelope, "envelope");
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }
}
