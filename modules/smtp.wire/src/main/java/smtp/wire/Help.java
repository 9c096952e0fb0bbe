package smtp.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code help = "HELP" [ SP String ] CRLF}, RFC 5321 §4.1.1.8.
 *
 * @param topic the optional topic (no control character)
 */
public record Help(Optional<String> topic) implements Command {

    public Help {
        Objects.requireNonNull(topic, "topic");
        // Checked so that the command always formats into exactly one line.
        if (topic.isPresent() && !smtp.wire.internal.Utf8.isLineText(topic.get())) {
            throw new IllegalArgumentException("HELP topic must not hold control characters");
        }
    }

    @Override
    public String verb() {
        return "HELP";
    }

    @Override
    public String format() {
        return topic.map(t -> "HELP " + t).orElse("HELP");
    }
}
