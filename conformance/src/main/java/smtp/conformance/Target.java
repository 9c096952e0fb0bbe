package smtp.conformance;

import java.util.Objects;

/**
 * The one server a run talks to. The runner never opens a connection anywhere else.
 *
 * @param host a host name or IP address literal (IPv6 without brackets)
 * @param port the TCP port, 1 to 65535
 * @param tls  how each connection is secured
 */
public record Target(String host, int port, TlsMode tls) {

    public Target {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("bad host: " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A plaintext target. */
    public static Target of(String host, int port) {
        return new Target(host, port, TlsMode.NONE);
    }

    /** The same server with another TLS mode. */
    public Target withTls(TlsMode mode) {
        return new Target(host, port, mode);
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
