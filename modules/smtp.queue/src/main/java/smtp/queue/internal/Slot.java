package smtp.queue.internal;

import java.time.Instant;
import java.util.Optional;
import smtp.queue.MessageState;
import smtp.queue.QueuedMessage;

/**
 * A message in the running queue's memory: its accepted form, its latest durable state and
 * whether a delivery run owns it. Fields are guarded by the slot's monitor.
 */
final class Slot {

    final QueuedMessage message;
    MessageState state;
    /** A delivery run is working on this message; admin changes wait for it (below). */
    boolean inFlight;
    /** Requested while in flight; applied by the run when it ends. */
    boolean deleteRequested;
    Optional<Boolean> holdRequested = Optional.empty();
    boolean flushRequested;
    /**
     * The operator asked for the next run (flush, release): it is a real attempt, so the
     * transport forgets what it remembers about unreachable hosts first. Cleared by that run.
     */
    boolean operatorRequest;
    /** When to retry queueing an owed DSN that could not be written. */
    Optional<Instant> dsnRetryAt = Optional.empty();

    Slot(QueuedMessage message, MessageState state) {
        this.message = message;
        this.state = state;
    }
}
