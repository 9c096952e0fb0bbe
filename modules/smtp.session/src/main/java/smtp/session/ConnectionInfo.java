package smtp.session;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the I/O layer knows about a connection before the first octet is exchanged.
 *
 * @param clientAddress the peer's IP address
 * @param tls           present when the connection is TLS from the start (implicit TLS,
 *                      RFC 8314 submissions port); STARTTLS is then not offered
 */
public record ConnectionInfo(InetAddress clientAddress, Optional<TlsInfo> tls) {

    public ConnectionInfo {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(tls, "tls");
    }

    /** A cleartext connection from {@code clientAddress}. */
    public static ConnectionInfo cleartext(InetAddress clientAddress) {
        return new ConnectionInfo(clientAddress, Optional.empty());
    }
}
