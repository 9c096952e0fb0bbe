package smtp.queue;

import java.util.Objects;

/**
 * One message as queue administration sees it: what was accepted and how far it got.
 *
 * @param message the accepted message
 * @param state   its per-recipient state
 */
public record QueueEntry(QueuedMessage message, MessageState state) {

    public QueueEntry {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(state, "state");
        if (!message.id().equals(state.id())) {
            throw new IllegalArgumentException("state of another message");
        }
        if (state.recipients().size() != message.envelope().recipients().size()) {
            throw new IllegalArgumentException("one state per recipient");
        }
    }

    /** The queue id. */
    public QueueId id() {
        return message.id();
    }
}
