package smtp.queue.internal;

import smtp.queue.RecipientStatus;

/**
 * The Action field of a DSN's per-recipient part, RFC 3464 §2.3.3:
 * {@code action-field = "Action" ":" action-value},
 * {@code action-value = "failed" / "delayed" / "delivered" / "relayed" / "expanded"}.
 * ("expanded" belongs to mailing lists and aliases, which the queue does not do.)
 */
enum DsnAction {
    FAILED("failed"),
    DELAYED("delayed"),
    DELIVERED("delivered"),
    RELAYED("relayed");

    private final String keyword;

    DsnAction(String keyword) {
        this.keyword = keyword;
    }

    String keyword() {
        return keyword;
    }

    /** The action a DSN reports for a recipient in {@code status}. */
    static DsnAction of(RecipientStatus status) {
        return switch (status) {
            case PENDING -> DELAYED;
            case DELIVERED -> DELIVERED;
            case RELAYED -> RELAYED;
            case FAILED -> FAILED;
        };
    }
}
