package smtp.wire;

import java.util.Optional;

/**
 * An enhanced mail system status code (RFC 3463 §2), as carried in replies (RFC 2034) and
 * delivery status notifications (RFC 3464).
 *
 * <pre>
 * status-code = class "." subject "." detail
 * class       = "2" / "4" / "5"
 * subject     = 1*3digit
 * detail      = 1*3digit
 * </pre>
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject     0 to 999 (RFC 3463 §3 defines 0 to 7)
 * @param detail      0 to 999
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    public EnhancedStatus {
        // RFC 3463 §2: class is 2, 4 or 5; subject and detail are 1*3digit.
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("RFC 3463 §2: class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("RFC 3463 §2: subject and detail are 1*3digit");
        }
    }

    public static EnhancedStatus of(int statusClass, int subject, int detail) {
        return new EnhancedStatus(statusClass, subject, detail);
    }

    /**
     * Parses {@code class.subject.detail}; empty if {@code text} is not exactly that. Leading
     * zeros are allowed ("1*3digit") but at most three digits per part.
     */
    public static Optional<EnhancedStatus> parse(String text) {
        return smtp.wire.internal.EnhancedStatusSyntax.parse(text);
    }

    /** The same code with another class, e.g. to turn 5.1.1 into 4.1.1. */
    public EnhancedStatus withClass(int newClass) {
        return new EnhancedStatus(newClass, subject, detail);
    }

    /** {@code class.subject.detail}, the wire form. */
    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
