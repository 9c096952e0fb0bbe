package smtp.wire;

import java.util.Objects;

/**
 * {@code expn = "EXPN" SP String CRLF}, RFC 5321 §4.1.1.7.
 *
 * @param argument (non-empty, no control character)  the mailing list name, as sent
 */
public record Expn(String argument) implements Command {

    public Expn {
        Objects.requireNonNull(argument, "argument");
        // Checked so that the command always formats into exactly one line (no CR, LF or other
        // control character can start a second command) that parses back to this value.
        if (argument.isEmpty() || !smtp.wire.internal.Utf8.isLineText(argument)) {
            throw new IllegalArgumentException("EXPN needs a non-empty argument without control characters");
        }
    }

    @Override
    public String verb() {
        return "EXPN";
    }

    @Override
    public String format() {
        return "EXPN " + argument;
    }
}
