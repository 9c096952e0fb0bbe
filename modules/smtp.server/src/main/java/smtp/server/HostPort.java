package smtp.server;

import java.util.Objects;
import java.util.Optional;

/**
 * A host and a TCP port as written in the configuration: {@code host:port}, with an IPv6
 * address in brackets ({@code [::1]:2525}).
 *
 * @param host a host name or an IP address (IPv6 without brackets)
 * @param port 0 to 65535 (0: any free port, for listeners in tests and scripts)
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '[' || c == ']')) {
            throw new IllegalArgumentException("bad host: " + host);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code host:port} or {@code [v6]:port}; empty when it is not one. */
    public static Optional<HostPort> parse(String text) {
        String t = text.strip();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                return Optional.empty();
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || t.indexOf(':') != colon) {
                return Optional.empty();
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int p = Integer.parseInt(port);
        if (p > 65535 || host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '[' || c == ']')) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(host, p));
    }

    /** {@code host:port}, brackets around an IPv6 address. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
