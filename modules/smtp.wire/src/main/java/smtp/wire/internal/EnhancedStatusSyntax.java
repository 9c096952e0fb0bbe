package smtp.wire.internal;

import java.util.Optional;
import smtp.wire.EnhancedStatus;

/**
 * Parses RFC 3463 §2 status codes.
 *
 * <pre>
 * status-code = class "." subject "." detail
 * class = "2" / "4" / "5"
 * subject = 1*3digit
 * detail = 1*3digit
 * </pre>
 */
public final class EnhancedStatusSyntax {

    private EnhancedStatusSyntax() {
    }

    public static Optional<EnhancedStatus> parse(String text) {
        if (text == null || text.length() < 5 || text.length() > 9) {
            return Optional.empty();
        }
        char c = text.charAt(0);
        if ((c != '2' && c != '4' && c != '5') || text.charAt(1) != '.') {
            return Optional.empty();
        }
        int dot = text.indexOf('.', 2);
        if (dot < 0) {
            return Optional.empty();
        }
        int subject = digits(text, 2, dot);
        int detail = digits(text, dot + 1, text.length());
        if (subject < 0 || detail < 0) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(c - '0', subject, detail));
    }

    /** 1*3DIGIT in text[from, to), or -1. */
    private static int digits(String text, int from, int to) {
        int n = to - from;
        if (n < 1 || n > 3) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char d = text.charAt(i);
            if (d < '0' || d > '9') {
                return -1;
            }
            v = v * 10 + (d - '0');
        }
        return v;
    }
}
