package smtp.wire;

import java.util.Objects;

/**
 * {@code ehlo = "EHLO" SP ( Domain / address-literal ) CRLF}, RFC 5321 §4.1.1.1.
 *
 * @param host the client's domain or address literal
 */
public record Ehlo(Host host) implements Command {

    public Ehlo {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String verb() {
        return "EHLO";
    }

    @Override
    public String format() {
        return "EHLO " + host;
    }
}
