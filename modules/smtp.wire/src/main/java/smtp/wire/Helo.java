package smtp.wire;

import java.util.Objects;

/**
 * {@code helo = "HELO" SP Domain CRLF}, RFC 5321 §4.1.1.1. An address literal is tolerated
 * on input (many clients send one) and kept as a {@link Host}.
 *
 * @param host the client's domain
 */
public record Helo(Host host) implements Command {

    public Helo {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String verb() {
        return "HELO";
    }

    @Override
    public String format() {
        return "HELO " + host;
    }
}
