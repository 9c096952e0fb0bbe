package smtp.wire;

import java.util.Objects;

/**
 * {@code expn = "EXPN" SP String CRLF}, RFC 5321 §4.1.1.7.
 *
 * @param argument the mailing list name, as sent
 */
public record Expn(String argument) implements Command {

    public Expn {
        Objects.requireNonNull(argument, "argument");
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
