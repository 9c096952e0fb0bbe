package smtp.queue.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses that recently refused a connection or did not answer, skipped for a while: RFC 5321
 * §4.5.4.1, "A client SHOULD keep a list of hosts it cannot reach and corresponding connection
 * timeouts, rather than just retrying queued mail items", since "even a one-minute timeout per
 * connection will result in a very large delay if retries are repeated for dozens, or even
 * hundreds, of queued messages to the same host". Time is the transport's {@link Clock} (the
 * queue's, in tests a settable one). An operator's request forgets an address
 * ({@link #markUp}) before it is tried for real.
 */
final class UnreachableHosts {

    private final Duration backoff;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();

    UnreachableHosts(Duration backoff, Clock clock) {
        this.backoff = backoff;
        this.clock = clock;
    }

    private static String key(InetAddress a, int port) {
        return a.getHostAddress() + "|" + port;
    }

    /** How much longer {@code a:port} is skipped, if it is now. */
    Optional<Duration> downFor(InetAddress a, int port) {
        String k = key(a, port);
        Instant t = until.get(k);
        if (t == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(t)) {
            until.remove(k, t);
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, t));
    }

    boolean isDown(InetAddress a, int port) {
        return downFor(a, port).isPresent();
    }

    void markDown(InetAddress a, int port) {
        if (backoff.isPositive()) {
            Instant now = clock.instant();
            until.put(key(a, port), now.plus(backoff));
            // Entries whose time is over go too, so a long-running queue keeps only hosts down now.
            until.values().removeIf(t -> !now.isBefore(t));
        }
    }

    void markUp(InetAddress a, int port) {
        until.remove(key(a, port));
    }

    /** Addresses remembered now (for tests). */
    int size() {
        return until.size();
    }
}
