package smtp.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code noop = "NOOP" [ SP String ] CRLF}, RFC 5321 §4.1.1.9; the argument is ignored.
 *
 * @param argument the optional argument (no control character)
 */
public record Noop(Optional<String> argument) implements Command {

    public Noop {
        Objects.requireNonNull(argument, "argument");
        // Checked so that the command always formats into exactly one line.
        if (argument.isPresent() && !smtp.wire.internal.Utf8.isLineText(argument.get())) {
            throw new IllegalArgumentException("NOOP argument must not hold control characters");
        }
    }

    @Override
    public String verb() {
        return "NOOP";
    }

    @Override
    public String format() {
        return argument.map(a -> "NOOP " + a).orElse("NOOP");
    }
}
