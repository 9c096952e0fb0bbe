package smtp.queue;

/**
 * Where one recipient of a queued message stands. The names follow the Action values of
 * RFC 3464 §2.3.3 that each state reports.
 */
public enum RecipientStatus {
    /** Not yet delivered; will be tried again ("delayed" if a warning is sent). */
    PENDING,
    /** Delivered to a mailbox, or handed to a server that supports DSN ("delivered"). */
    DELIVERED,
    /**
     * Handed to a server that does not support DSN, so no further notifications can be
     * expected ("relayed", RFC 3461 §5.2.2).
     */
    RELAYED,
    /** Failed permanently or expired ("failed"). */
    FAILED;

    /** True unless {@link #PENDING}. */
    public boolean isFinal() {
        return this != PENDING;
    }
}
