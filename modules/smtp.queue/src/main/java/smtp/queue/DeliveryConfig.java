package smtp.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import smtp.session.Timeouts;
import smtp.session.TlsPolicy;
import smtp.wire.Domain;

/**
 * How the SMTP transport delivers to the next hop.
 *
 * @param heloName           this host's name for EHLO (RFC 5321 §4.1.4: a primary host name)
 * @param port               the remote port (default 25, RFC 5321 §4.5.4.2); tests use a free port
 * @param relay              a smart host for all remote mail, if any
 * @param tls                STARTTLS policy (default opportunistic, RFC 3207; without
 *                           certificate verification, as RFC 7435 opportunistic security
 *                           describes; {@link TlsPolicy#REQUIRED} verifies the certificate)
 * @param connectTimeout     how long a TCP connection may take (default 30 s)
 * @param timeouts           per-command timeouts (default RFC 5321 §4.5.3.2); its
 *                           {@link Timeouts#dataBlock()} (default 3 minutes, §4.5.3.2.5) bounds
 *                           each write, so a server that stops reading cannot hold a delivery
 *                           thread: the connection is closed and the recipients deferred (4.4.2)
 * @param maxAddresses       addresses tried per attempt across the MX hosts (default 5, as
 *                           Postfix's {@code smtp_mx_address_limit}; RFC 5321 §5.1 asks for at least two)
 * @param unreachableBackoff how long an address that refused a connection or timed out is
 *                           skipped (default 60 s; RFC 5321 §4.5.4.1: "A client SHOULD keep a
 *                           list of hosts it cannot reach and corresponding connection timeouts")
 * @param pipelining         use PIPELINING when offered (default on, RFC 2920)
 * @param chunking           use BDAT when CHUNKING is offered (default on, RFC 3030)
 */
public record DeliveryConfig(Domain heloName, int port, Optional<RelayHost> relay, TlsPolicy tls,
                             Duration connectTimeout, Timeouts timeouts, int maxAddresses,
                             Duration unreachableBackoff, boolean pipelining, boolean chunking) {

    public DeliveryConfig {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(unreachableBackoff, "unreachableBackoff");
        if (port < 1 || port > 65535 || maxAddresses < 1 || connectTimeout.isNegative() || connectTimeout.isZero()
                || unreachableBackoff.isNegative()) {
            throw new IllegalArgumentException("port 1-65535, maxAddresses >= 1, connectTimeout > 0, unreachableBackoff >= 0");
        }
    }

    /** Port 25, no relay, opportunistic TLS, 30 s to connect, RFC 5321 timeouts, 5 addresses, 60 s backoff. */
    public static DeliveryConfig defaults(String heloName) {
        return new DeliveryConfig(new Domain(heloName), 25, Optional.empty(), TlsPolicy.OPPORTUNISTIC,
                Duration.ofSeconds(30), Timeouts.RFC5321, 5, Duration.ofSeconds(60), true, true);
    }

    public DeliveryConfig withPort(int p) {
        return new DeliveryConfig(heloName, p, relay, tls, connectTimeout, timeouts, maxAddresses, unreachableBackoff, pipelining, chunking);
    }

    public DeliveryConfig withRelay(RelayHost r) {
        return new DeliveryConfig(heloName, port, Optional.of(r), tls, connectTimeout, timeouts, maxAddresses, unreachableBackoff, pipelining, chunking);
    }

    public DeliveryConfig withTls(TlsPolicy t) {
        return new DeliveryConfig(heloName, port, relay, t, connectTimeout, timeouts, maxAddresses, unreachableBackoff, pipelining, chunking);
    }

    public DeliveryConfig withTimeouts(Duration connect, Timeouts t) {
        return new DeliveryConfig(heloName, port, relay, tls, connect, t, maxAddresses, unreachableBackoff, pipelining, chunking);
    }

    /**
     * The same with each write bounded by {@code d}: RFC 5321 §4.5.3.2.5, "Data Block: 3 minutes.
     * This is while awaiting the completion of each TCP SEND call transmitting a chunk of data."
     */
    public DeliveryConfig withDataBlockTimeout(Duration d) {
        Timeouts t = new Timeouts(timeouts.initial(), timeouts.mail(), timeouts.rcpt(), timeouts.dataInitiation(), d,
                timeouts.dataTermination(), timeouts.server());
        return withTimeouts(connectTimeout, t);
    }

    public DeliveryConfig withUnreachableBackoff(Duration d) {
        return new DeliveryConfig(heloName, port, relay, tls, connectTimeout, timeouts, maxAddresses, d, pipelining, chunking);
    }

    public DeliveryConfig withChunking(boolean use) {
        return new DeliveryConfig(heloName, port, relay, tls, connectTimeout, timeouts, maxAddresses, unreachableBackoff, pipelining, use);
    }
}
