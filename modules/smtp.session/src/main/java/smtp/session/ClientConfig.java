package smtp.session;

import java.util.Objects;
import java.util.Optional;
import smtp.wire.Host;

/**
 * The configuration of a {@link ClientSession}.
 *
 * @param heloName     the name sent with EHLO/HELO: RFC 5321 §4.1.4, the client "MUST, if
 *                     possible, ensure that the domain parameter to the EHLO command is a
 *                     primary host name", else an address literal
 * @param tls          when to use STARTTLS
 * @param credentials  AUTH credentials, when the server requires them (smart host)
 * @param pipelining   use PIPELINING when offered (RFC 2920)
 * @param chunking     use BDAT when CHUNKING is offered (RFC 3030)
 * @param timeouts     RFC 5321 §4.5.3.2
 */
public record ClientConfig(Host heloName, TlsPolicy tls, Optional<ClientCredentials> credentials,
                           boolean pipelining, boolean chunking, Timeouts timeouts) {

    public ClientConfig {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** Opportunistic TLS, no AUTH, PIPELINING and CHUNKING when offered, RFC 5321 timeouts. */
    public static ClientConfig defaults(Host heloName) {
        return new ClientConfig(heloName, TlsPolicy.OPPORTUNISTIC, Optional.empty(), true, true, Timeouts.RFC5321);
    }

    public ClientConfig withTls(TlsPolicy policy) {
        return new ClientConfig(heloName, policy, credentials, pipelining, chunking, timeouts);
    }

    public ClientConfig withCredentials(ClientCredentials c) {
        return new ClientConfig(heloName, tls, Optional.of(c), pipelining, chunking, timeouts);
    }

    public ClientConfig withPipelining(boolean use) {
        return new ClientConfig(heloName, tls, credentials, use, chunking, timeouts);
    }

    public ClientConfig withChunking(boolean use) {
        return new ClientConfig(heloName, tls, credentials, pipelining, use, timeouts);
    }

    public ClientConfig withTimeouts(Timeouts t) {
        return new ClientConfig(heloName, tls, credentials, pipelining, chunking, t);
    }
}
