package smtp.server.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import smtp.auth.DkimSigner;
import smtp.auth.DkimVerifier;
import smtp.auth.DmarcVerifier;
import smtp.auth.SpfConfig;
import smtp.auth.SpfVerifier;
import smtp.dns.MxResolver;
import smtp.dns.Resolver;
import smtp.queue.DeliveryConfig;
import smtp.queue.MailQueue;
import smtp.queue.QueueConfig;
import smtp.queue.RelayHost;
import smtp.queue.RetryPolicy;
import smtp.queue.Router;
import smtp.queue.SmtpTransport;
import smtp.server.HostPort;
import smtp.server.ServerSettings;
import smtp.server.ServerStartException;
import smtp.server.internal.delivery.MaildirTransport;
import smtp.server.internal.net.Connection;
import smtp.server.internal.net.ConnectionContext;
import smtp.server.internal.net.ConnectionLimiter;
import smtp.server.internal.policy.InboundChecks;
import smtp.server.internal.policy.PolicyServices;
import smtp.server.internal.policy.RelayControl;
import smtp.server.internal.policy.Role;
import smtp.server.internal.policy.SenderControl;
import smtp.server.internal.store.SpoolMessage;
import smtp.server.internal.tls.SelfSignedCertificate;
import smtp.server.internal.tls.TlsContexts;
import smtp.server.internal.users.Mailboxes;
import smtp.server.internal.users.UserDirectory;
import smtp.session.ClientCredentials;
import smtp.session.Extension;
import smtp.session.MessageStore;
import smtp.session.ServerConfig;
import smtp.session.Timeouts;

/**
 * Builds the parts of the MTA from its settings, in dependency order: users, TLS, DKIM keys,
 * the checks, the queue with its two transports, and the per-role session configurations.
 * Every failure names the key whose value is at fault.
 *
 * @param queue    the started queue
 * @param context  what each connection needs
 * @param limiter  the connection limits
 */
public record ServerAssembly(MailQueue queue, ConnectionContext context, ConnectionLimiter limiter) {

    private static final System.Logger LOG = System.getLogger("smtp.server");

    /** The shutdown flag, readable by every connection. */
    public static final class Closing implements BooleanSupplier {
        private volatile boolean closing;

        public void set() {
            closing = true;
        }

        @Override
        public boolean getAsBoolean() {
            return closing;
        }
    }

    /** Assembles and starts the queue; listeners are bound by the caller. */
    public static ServerAssembly assemble(ServerSettings s, Resolver resolver, Closing closing, Set<Connection> open)
            throws ServerStartException {
        directory(s, s.maildirRoot(), "maildir.root");
        directory(s, s.queueDir(), "queue.dir");
        UserDirectory users = new UserDirectory(s.usersFile());
        try {
            users.load();
        } catch (IOException e) {
            throw new ServerStartException(s.source(), "users.file", e.getMessage(), e);
        }
        SSLContext tls = tls(s);
        Map<String, DkimSigner> signers = DkimKeys.load(s);
        Mailboxes mailboxes = new Mailboxes(users, s.recipientDelimiter(), s.postmasterMailbox());
        String host = s.hostname().toString();
        InboundChecks inbound = new InboundChecks(new SpfVerifier(resolver, SpfConfig.defaults().withReceiver(host)),
                new DmarcVerifier(resolver), host, s.spfEnforce(), s.dmarcEnforce());
        PolicyServices policies = new PolicyServices(s, new RelayControl(s, mailboxes), new SenderControl(s, mailboxes),
                inbound, signers);
        MailQueue queue = queue(s, resolver, mailboxes);
        DkimVerifier verifier = new DkimVerifier(resolver);
        Map<Role, ServerConfig> configs = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            configs.put(r, sessionConfig(s, r));
        }
        // DKIM is verified on inbound mail from untrusted clients, and signed on submission.
        MessageStore inboundStore = SpoolMessage.store(queue, host, Optional.of(verifier), h -> Optional.empty());
        MessageStore plainStore = SpoolMessage.store(queue, host, Optional.empty(), h -> Optional.empty());
        // RFC 6409 §8: submission completes a missing From:, Date: or Message-ID: before signing.
        MessageStore submissionStore = SpoolMessage.store(queue, host, Optional.empty(), policies::signerFor,
                policies.sender()::missingFields);
        ConnectionContext ctx = new ConnectionContext(s, configs::get, tls, policies,
                (role, trusted) -> role.submission() ? submissionStore : trusted ? plainStore : inboundStore,
                users, closing, open);
        return new ServerAssembly(queue, ctx, new ConnectionLimiter(s.maxConnections(), s.maxConnectionsPerIp(), s.relayNetworks()));
    }

    /** Closes the queue after a failed start. */
    public void closeQueue() {
        try {
            queue.close(Duration.ofSeconds(5));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the queue: " + e.getMessage());
        }
    }

    private static void directory(ServerSettings s, Path dir, String key) throws ServerStartException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ServerStartException(s.source(), key, "cannot create " + dir + ": " + e, e);
        }
    }

    private static SSLContext tls(ServerSettings s) throws ServerStartException {
        if (s.tlsCert().isPresent()) {
            try {
                return TlsContexts.server(s.tlsCert().get(), s.tlsKey().orElseThrow());
            } catch (IOException e) {
                String key = e.getMessage() != null && e.getMessage().startsWith(s.tlsKey().orElseThrow().toString())
                        ? "tls.key" : "tls.cert";
                throw new ServerStartException(s.source(), key, e.getMessage(), e);
            }
        }
        Path dir = s.tlsSelfSignedDir();
        try {
            if (SelfSignedCertificate.ensure(dir, s.hostname().toString())) {
                LOG.log(Level.INFO, "made a self-signed TLS certificate for " + s.hostname() + " in " + dir
                        + " (configure tls.cert and tls.key for a real one)");
            }
            return TlsContexts.server(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        } catch (IOException e) {
            throw new ServerStartException(s.source(), "tls.selfsigned.dir", e.getMessage(), e);
        }
    }

    private static MailQueue queue(ServerSettings s, Resolver resolver, Mailboxes mailboxes) throws ServerStartException {
        Duration lifetime = s.queueLifetime();
        Duration notifications = lifetime.compareTo(Duration.ofDays(2)) < 0 ? lifetime : Duration.ofDays(2);
        Optional<Duration> warn = lifetime.compareTo(Duration.ofHours(4)) > 0 ? Optional.of(Duration.ofHours(4)) : Optional.empty();
        RetryPolicy retry = new RetryPolicy(s.retryInitial(), s.retryMax(), 2.0, lifetime, notifications, warn);
        String host = s.hostname().toString();
        MxResolver mx = new MxResolver(resolver, Set.of(s.hostname().canonical()));
        MaildirTransport local = new MaildirTransport(s.maildirRoot(), mailboxes, host);
        SmtpTransport remote = SmtpTransport.create(delivery(s), mx, resolver);
        Router router = Router.localAndRemote(s.allLocalDomains(), local, remote, s.relayHost().isPresent());
        try {
            MailQueue q = MailQueue.open(QueueConfig.of(s.queueDir(), host).withRetry(retry), router);
            q.start();
            return q;
        } catch (IOException e) {
            throw new ServerStartException(s.source(), "queue.dir", e.getMessage(), e);
        }
    }

    /**
     * The queue's SMTP transport configured from {@code server.hostname} (EHLO name),
     * {@code delivery.port}, and {@code relay.host} with {@code relay.username}/{@code relay.password}
     * (AUTH at the smart host, only over TLS: RFC 4954 §4). STARTTLS is opportunistic (RFC 3207,
     * RFC 7435); the timeouts are RFC 5321 §4.5.3.2's.
     */
    static DeliveryConfig delivery(ServerSettings s) {
        DeliveryConfig d = DeliveryConfig.defaults(s.hostname().toString()).withPort(s.deliveryPort());
        if (s.relayHost().isPresent()) {
            HostPort h = s.relayHost().get();
            d = d.withRelay(new RelayHost(relayHostName(h.host()), h.port(),
                    s.relayUsername().map(u -> ClientCredentials.of(u, s.relayPassword()))));
        }
        return d;
    }

    /**
     * An IP address in {@code relay.host} becomes an RFC 5321 §4.1.3 address literal
     * ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}), which the queue connects to without DNS;
     * a name is resolved through the configured DNS.
     */
    static String relayHostName(String host) {
        if (host.indexOf(':') >= 0) {
            return "[IPv6:" + host + "]";
        }
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") ? "[" + host + "]" : host;
    }

    private static ServerConfig sessionConfig(ServerSettings s, Role role) {
        ServerConfig c = ServerConfig.defaults(s.hostname()).withGreetingText("ESMTP smtp-ref")
                .withMaxMessageSize(s.maxMessageSize()).withMaxRecipients(s.maxRecipients()).withMaxErrors(s.maxErrors())
                .withTimeouts(Timeouts.uniform(s.commandTimeout()));
        return switch (role) {
            case SMTP -> c.with(Extension.STARTTLS);
            // RFC 3207 §4: a submission server may require STARTTLS before other commands; RFC 4954 §4: AUTH only over TLS.
            case SUBMISSION -> c.with(Extension.STARTTLS).with(Extension.AUTH).withTlsRequired(true);
            case SUBMISSIONS -> c.with(Extension.AUTH);
        };
    }
}
