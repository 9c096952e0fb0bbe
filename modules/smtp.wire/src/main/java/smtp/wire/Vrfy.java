package smtp.wire;

import java.util.Objects;

/**
 * {@code vrfy = "VRFY" SP String CRLF}, RFC 5321 §4.1.1.6.
 *
 * @param argument (non-empty, no control character)  the String (a user name or mailbox), as sent
 */
public record Vrfy(String argument) implements Command {

    public Vrfy {
        Objects.requireNonNull(argument, "argument");
        // Checked so that the command always formats into exactly one line (no CR, LF or other
        // control character can start a second command) that parses back to this value.
        if (argument.isEmpty() || !smtp.wire.internal.Utf8.isLineText(argument)) {
            throw new IllegalArgumentException("VRFY needs a non-empty argument without control characters");
        }
    }

    @Override
    public String verb() {
        return "VRFY";
    }

    @Override
    public String format() {
        return "VRFY " + argument;
    }
}
