package smtp.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import smtp.dns.DnsConfig;
import smtp.dns.Resolver;
import smtp.dns.Resolvers;
import smtp.queue.MailQueue;
import smtp.server.internal.ServerAssembly;
import smtp.server.internal.net.Connection;
import smtp.server.internal.net.Listener;
import smtp.server.internal.policy.Role;

/**
 * The running MTA: the queue with its deliveries, and a listener per configured role.
 *
 * <pre>{@code
 * MailServer server = MailServer.start(Settings.defaults());   // logs a line per listener, then "ready"
 * server.address("smtp");                                      // the bound address (port 0 = any)
 * server.shutdown(Duration.ofSeconds(10));                     // as on SIGTERM
 * }</pre>
 *
 * <h2>Standards</h2>
 * RFC 5321 §3.8 and §6.1 for the shutdown: no new connections; transactions in flight may finish
 * within the grace period; the other sessions get 421 4.3.2 (idle) or 421 4.3.0 (cut short,
 * their message discarded, never half-accepted); the spool is closed cleanly and a restart
 * resumes its deliveries.
 *
 * <h2>Diagnostics</h2>
 * {@link #start} throws {@link ServerStartException} naming the key whose value does not work.
 */
public final class MailServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("smtp.server");

    private final ServerSettings settings;
    private final MailQueue queue;
    private final List<Listener> listeners;
    private final Set<Connection> open;
    private final ServerAssembly.Closing closing;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean shutDown;

    private MailServer(ServerSettings settings, MailQueue queue, List<Listener> listeners, Set<Connection> open,
                       ServerAssembly.Closing closing) {
        this.settings = settings;
        this.queue = queue;
        this.listeners = listeners;
        this.open = open;
        this.closing = closing;
    }

    /**
     * Starts with DNS as configured ({@code dns.servers}, or the system's resolvers), unless a
     * module on the path provides {@code smtp.dns.Resolver} as a service: then that one answers
     * ({@link Resolvers#load}; two providers fail the start).
     */
    public static MailServer start(ServerSettings settings) throws ServerStartException {
        Resolver resolver;
        try {
            resolver = Resolvers.load(DnsConfig.DEFAULT.withServers(settings.dnsServers()));
        } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
            throw new ServerStartException("module path", "smtp.dns.Resolver", e.getMessage(), e);
        }
        return start(settings, resolver);
    }

    /** Starts with {@code resolver} for MX, SPF, DKIM and DMARC lookups (tests: an in-memory resolver). */
    public static MailServer start(ServerSettings settings, Resolver resolver) throws ServerStartException {
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        ServerAssembly.Closing closing = new ServerAssembly.Closing();
        ServerAssembly a = ServerAssembly.assemble(settings, resolver, closing, open);
        List<Listener> listeners = new ArrayList<>();
        try {
            bind(settings, a, Role.SMTP, settings.smtpListener(), "listen.smtp", listeners);
            bind(settings, a, Role.SUBMISSION, settings.submissionListener(), "listen.submission", listeners);
            bind(settings, a, Role.SUBMISSIONS, settings.smtpsListener(), "listen.smtps", listeners);
        } catch (ServerStartException e) {
            listeners.forEach(Listener::close);
            a.closeQueue();
            throw e;
        }
        MailServer server = new MailServer(settings, a.queue(), List.copyOf(listeners), open, closing);
        for (Listener l : listeners) {
            l.start();
            LOG.log(Level.INFO, "listening on " + l.address().getAddress().getHostAddress() + ":" + l.address().getPort()
                    + " (" + describe(l.role()) + ")");
        }
        LOG.log(Level.INFO, "smtp.server ready: " + settings.hostname() + ", local domains " + settings.allLocalDomains()
                + ", spool " + settings.queueDir() + ", maildirs " + settings.maildirRoot());
        return server;
    }

    private static void bind(ServerSettings s, ServerAssembly a, Role role, Optional<HostPort> where, String key,
                             List<Listener> into) throws ServerStartException {
        if (where.isEmpty()) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(where.get().host(), where.get().port());
        if (address.isUnresolved()) {
            throw new ServerStartException(s.source(), key, "cannot resolve " + where.get().host(), null);
        }
        try {
            into.add(Listener.bind(address, role, a.context(), a.limiter()));
        } catch (IOException e) {
            throw new ServerStartException(s.source(), key, "cannot listen on " + where.get() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Role role) {
        return switch (role) {
            case SMTP -> "smtp: mail for local domains, STARTTLS";
            case SUBMISSION -> "submission: STARTTLS, then AUTH";
            case SUBMISSIONS -> "submissions: implicit TLS (RFC 8314), AUTH";
        };
    }

    /** The address a role listens on: {@code smtp}, {@code submission} or {@code submissions}. */
    public Optional<InetSocketAddress> address(String role) {
        return listeners.stream().filter(l -> l.role().label().equals(role)).map(Listener::address).findFirst();
    }

    /** The configuration in force. */
    public ServerSettings settings() {
        return settings;
    }

    /** Tries every queued message now (as {@code queue flush}). */
    public void flushQueue() {
        queue.flush();
    }

    /** The number of messages in the queue. */
    public int queued() {
        return queue.entries().size();
    }

    /** The connections open now. */
    public int connections() {
        return open.size();
    }

    /** Blocks until {@link #shutdown} has finished. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops: listeners close, idle sessions get 421, transactions in flight get up to
     * {@code grace} to finish (then 421), and the queue is closed.
     */
    public void shutdown(Duration grace) {
        synchronized (this) {
            if (shutDown) {
                return;
            }
            shutDown = true;
        }
        closing.set();
        LOG.log(Level.INFO, "shutting down: " + open.size() + " connection(s) open, up to " + grace.toSeconds()
                + " s for transactions in flight");
        listeners.forEach(Listener::close);
        open.forEach(c -> c.shutdown(false));
        long end = System.nanoTime() + grace.toNanos();
        while (!open.isEmpty() && System.nanoTime() < end) {
            sleep(20);
        }
        if (!open.isEmpty()) {
            LOG.log(Level.INFO, "shutdown: cutting " + open.size() + " session(s) short with 421");
            open.forEach(c -> c.shutdown(true));
            long cut = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (!open.isEmpty() && System.nanoTime() < cut) {
                sleep(20);
            }
        }
        try {
            queue.close(Duration.ofSeconds(10));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "closing the queue: " + e.getMessage());
        }
        LOG.log(Level.INFO, "smtp.server stopped");
        stopped.countDown();
    }

    @Override
    public void close() {
        shutdown(settings.shutdownGrace());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
