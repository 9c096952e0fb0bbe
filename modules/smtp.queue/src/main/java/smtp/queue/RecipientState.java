package smtp.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery progress of one recipient, kept durably next to the message.
 *
 * @param status        pending, delivered, relayed or failed
 * @param attempts      delivery attempts made so far
 * @param lastAttempt   when the last attempt ended
 * @param nextAttempt   when to try again (meaningful while {@link RecipientStatus#PENDING})
 * @param diagnostic    the last reply or condition
 * @param dsnOwed       a DSN reporting the current status is due and not yet queued
 * @param delayReported a "delayed" DSN has been sent for this recipient (only one is sent)
 */
public record RecipientState(RecipientStatus status, int attempts, Optional<Instant> lastAttempt,
                             Instant nextAttempt, Optional<Diagnostic> diagnostic,
                             boolean dsnOwed, boolean delayReported) {

    public RecipientState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        Objects.requireNonNull(diagnostic, "diagnostic");
        if (attempts < 0) {
            throw new IllegalArgumentException("negative attempts");
        }
    }

    /** A new recipient: pending, never tried, due at {@code now}. */
    public static RecipientState initial(Instant now) {
        return new RecipientState(RecipientStatus.PENDING, 0, Optional.empty(), now, Optional.empty(), false, false);
    }

    /** Pending and due at or before {@code now}. */
    public boolean isDue(Instant now) {
        return status == RecipientStatus.PENDING && !nextAttempt.isAfter(now);
    }

    /** The same state with another next attempt time. */
    public RecipientState withNextAttempt(Instant when) {
        return new RecipientState(status, attempts, lastAttempt, when, diagnostic, dsnOwed, delayReported);
    }

    /** The same state with the owed DSN queued (and, for a pending recipient, marked as warned). */
    public RecipientState withDsnQueued() {
        return new RecipientState(status, attempts, lastAttempt, nextAttempt, diagnostic, false,
                delayReported || status == RecipientStatus.PENDING);
    }
}
