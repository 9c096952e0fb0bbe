package smtp.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import smtp.wire.Domain;

/**
 * The configuration of the MTA: every key of the properties file, parsed and validated
 * ({@link Settings#parse}). Each component's default is the value used with no
 * {@code --config}; the README lists them with their keys.
 *
 * <h2>Limits</h2>
 * {@code limits.recipients} is at least 100 (RFC 5321 §4.5.3.1.8); the server timeouts are at
 * least one second (RFC 5321 §4.5.3.2.7 recommends 5 minutes, the default); the rest are
 * positive numbers.
 *
 * @param source              where the settings came from (the file name, or {@code (defaults)})
 * @param hostname            {@code server.hostname}: the greeting, EHLO, Received: "by", DSNs
 * @param smtpListener        {@code listen.smtp}: the MTA-to-MTA role (STARTTLS offered, no AUTH)
 * @param submissionListener  {@code listen.submission}: submission with STARTTLS required before AUTH
 * @param smtpsListener       {@code listen.smtps}: submission over implicit TLS (RFC 8314)
 * @param localDomains        {@code domains.local}: canonical names delivered here (the hostname is always one)
 * @param maildirRoot         {@code maildir.root}: one Maildir per user below it
 * @param queueDir            {@code queue.dir}: the spool
 * @param usersFile           {@code users.file}: user names with SCRAM-SHA-256 (PBKDF2) hashes
 * @param dnsServers          {@code dns.servers}: empty for the system's resolvers
 * @param deliveryPort        {@code delivery.port}: the remote SMTP port for outbound mail
 * @param relayHost           {@code relay.host}: a smart host that takes all outbound mail
 * @param relayUsername       {@code relay.username}: AUTH user at the smart host
 * @param relayPassword       {@code relay.password}: its password
 * @param relayNetworks       {@code relay.networks}: clients that may relay without AUTH
 * @param tlsCert             {@code tls.cert}: PEM certificate chain; empty for a self-signed one
 * @param tlsKey              {@code tls.key}: PEM private key of {@code tlsCert}
 * @param tlsSelfSignedDir    {@code tls.selfsigned.dir}: where the self-signed certificate is made and kept
 * @param dkimKeys            {@code dkim.key.<domain>} (with {@code dkim.selector}): signing keys per local domain
 * @param spfEnforce          {@code spf.enforce}: SPF "fail" for MAIL FROM or HELO gets 550 5.7.23
 * @param dmarcEnforce        {@code dmarc.enforce}: p=reject gets 550 5.7.1, p=quarantine a marking field
 * @param maxMessageSize      {@code limits.message.size}: octets (announced with SIZE, RFC 1870)
 * @param maxRecipients       {@code limits.recipients}: per transaction, at least 100
 * @param maxConnections      {@code limits.connections}: at once, in total
 * @param maxConnectionsPerIp {@code limits.connections.per.ip}: at once, per client address
 *                            (clients in {@code relay.networks} are exempt, as in Postfix)
 * @param maxErrors           {@code limits.errors}: protocol errors before 421 4.7.0; rejected
 *                            recipients (5yz to RCPT) count separately against the same limit
 * @param maxJunkCommands     {@code limits.junk.commands}: NOOP, RSET, VRFY, EXPN and HELP per
 *                            session (counted afresh after each accepted message) before 421 4.7.0
 * @param authFailureDelay    {@code limits.auth.delay}: the pause before the reply to the first
 *                            failed AUTH, doubled for each further failure (at most 16 times)
 * @param greetingDelay       {@code limits.greeting.delay}: on the SMTP listener, how long the
 *                            server waits before its greeting; a client that talks in that time is refused
 * @param commandTimeout      {@code timeout.command}: to receive the next command line
 * @param dataTimeout         {@code timeout.data}: to receive a whole message after 354
 * @param tlsTimeout          {@code timeout.tls}: to complete a whole TLS handshake (implicit or after STARTTLS)
 * @param sessionTimeout      {@code timeout.session}: the longest session; a transaction open at
 *                            that moment gets up to {@code timeout.data} more to finish
 * @param retryInitial        {@code queue.retry.initial}: the first retry after a temporary failure
 * @param retryMax            {@code queue.retry.max}: the longest interval between retries
 * @param queueLifetime       {@code queue.lifetime}: when an undeliverable message is returned
 * @param shutdownGrace       {@code shutdown.grace}: how long transactions in flight may finish on SIGTERM
 * @param recipientDelimiter  {@code recipient.delimiter}: {@code user+tag} is delivered to {@code user}
 * @param postmasterMailbox   {@code postmaster.mailbox}: the Maildir that gets postmaster@ of every local domain
 */
public record ServerSettings(String source, Domain hostname,
                             Optional<HostPort> smtpListener, Optional<HostPort> submissionListener,
                             Optional<HostPort> smtpsListener, Set<String> localDomains,
                             Path maildirRoot, Path queueDir, Path usersFile,
                             List<InetSocketAddress> dnsServers, int deliveryPort,
                             Optional<HostPort> relayHost, Optional<String> relayUsername, String relayPassword,
                             List<Network> relayNetworks,
                             Optional<Path> tlsCert, Optional<Path> tlsKey, Path tlsSelfSignedDir,
                             Map<String, List<DkimKeyFile>> dkimKeys, boolean spfEnforce, boolean dmarcEnforce,
                             long maxMessageSize, int maxRecipients, int maxConnections, int maxConnectionsPerIp,
                             int maxErrors, int maxJunkCommands, Duration authFailureDelay, Duration greetingDelay,
                             Duration commandTimeout, Duration dataTimeout, Duration tlsTimeout, Duration sessionTimeout,
                             Duration retryInitial, Duration retryMax, Duration queueLifetime,
                             Duration shutdownGrace, String recipientDelimiter, String postmasterMailbox) {

    public ServerSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(smtpListener, "smtpListener");
        Objects.requireNonNull(submissionListener, "submissionListener");
        Objects.requireNonNull(smtpsListener, "smtpsListener");
        localDomains = Set.copyOf(localDomains);
        Objects.requireNonNull(maildirRoot, "maildirRoot");
        Objects.requireNonNull(queueDir, "queueDir");
        Objects.requireNonNull(usersFile, "usersFile");
        dnsServers = List.copyOf(dnsServers);
        Objects.requireNonNull(relayHost, "relayHost");
        Objects.requireNonNull(relayUsername, "relayUsername");
        Objects.requireNonNull(relayPassword, "relayPassword");
        relayNetworks = List.copyOf(relayNetworks);
        Objects.requireNonNull(tlsCert, "tlsCert");
        Objects.requireNonNull(tlsKey, "tlsKey");
        Objects.requireNonNull(tlsSelfSignedDir, "tlsSelfSignedDir");
        dkimKeys = Map.copyOf(dkimKeys);
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("tls.cert and tls.key go together");
        }
        if (deliveryPort < 1 || deliveryPort > 65535) {
            throw new IllegalArgumentException("delivery.port out of range: " + deliveryPort);
        }
        // RFC 5321 §4.5.3.1.8: "The minimum total number of recipients that MUST be buffered is 100".
        if (maxRecipients < 100) {
            throw new IllegalArgumentException("limits.recipients must be at least 100 (RFC 5321 §4.5.3.1.8)");
        }
        if (maxMessageSize < 1 || maxConnections < 1 || maxConnectionsPerIp < 1 || maxErrors < 1 || maxJunkCommands < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        for (Duration d : List.of(authFailureDelay, greetingDelay, shutdownGrace)) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        for (Duration d : List.of(commandTimeout, dataTimeout, tlsTimeout, sessionTimeout, retryInitial, retryMax, queueLifetime)) {
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("timeouts and queue intervals are at least 1s: " + d);
            }
        }
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("queue.retry.max must not be shorter than queue.retry.initial");
        }
        Objects.requireNonNull(recipientDelimiter, "recipientDelimiter");
        Objects.requireNonNull(postmasterMailbox, "postmasterMailbox");
    }

    /** True when {@code domain} (any case) is delivered here: a local domain or the hostname. */
    public boolean isLocal(Domain domain) {
        String c = domain.canonical();
        return localDomains.contains(c) || hostname.canonical().equals(c);
    }

    /** The local domains with the hostname, canonical. */
    public Set<String> allLocalDomains() {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(localDomains);
        all.add(hostname.canonical());
        return all;
    }
}
