package smtp.queue;

import java.util.Objects;
import java.util.Optional;
import smtp.session.ClientCredentials;

/**
 * A smart host: every remote recipient is sent to this one server instead of the MX of its
 * domain (RFC 5321 §3.6.3 describes such "private arrangements"), optionally with AUTH.
 *
 * @param host        a host name (its A/AAAA records are used; no MX lookup, as Postfix's
 *                    {@code relayhost = [host]}) or an address literal such as {@code [192.0.2.1]}
 * @param port        the port, typically 587 (submission) or 25
 * @param credentials AUTH credentials (RFC 4954), used only over TLS unless they allow cleartext
 */
public record RelayHost(String host, int port, Optional<ClientCredentials> credentials) {

    public RelayHost {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credentials, "credentials");
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("relay host and port 1-65535");
        }
    }
}
