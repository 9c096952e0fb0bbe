package smtp.wire;

/**
 * One value of the {@code NOTIFY=} parameter of RCPT, RFC 3461 §4.1:
 * {@code notify-esmtp-value = "NEVER" / 1#notify-list-element},
 * {@code notify-list-element = "SUCCESS" / "FAILURE" / "DELAY"}. NEVER is exclusive.
 */
public enum Notify {
    NEVER,
    SUCCESS,
    FAILURE,
    DELAY
}
