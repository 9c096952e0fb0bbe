package smtp.wire;

import java.util.Objects;

/**
 * {@code vrfy = "VRFY" SP String CRLF}, RFC 5321 §4.1.1.6.
 *
 * @param argument the String (a user name or mailbox), as sent
 */
public record Vrfy(String argument) implements Command {

    public Vrfy {
        Objects.requireNonNull(argument, "argument");
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
