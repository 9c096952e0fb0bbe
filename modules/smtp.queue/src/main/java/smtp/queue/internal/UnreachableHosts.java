package smtp.queue.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses that recently refused a connection or did not answer, skipped for a while: RFC 5321
 * §4.5.4.1, "A client SHOULD keep a list of hosts it cannot reach and corresponding connection
 * timeouts, rather than just retrying queued mail items", since "even a one-minute timeout per
 * connection will result in a very large delay if retries are repeated for dozens, or even
 * hundreds, of queued messages to the same host".
 */
final class UnreachableHosts {

    private final long backoffNanos;
    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();

    UnreachableHosts(Duration backoff) {
        this.backoffNanos = backoff.toNanos();
    }

    private static String key(InetAddress a, int port) {
        return a.getHostAddress() + "|" + port;
    }

    boolean isDown(InetAddress a, int port) {
        Long t = until.get(key(a, port));
        if (t == null) {
            return false;
        }
        if (System.nanoTime() - t >= 0) {
            until.remove(key(a, port), t);
            return false;
        }
        return true;
    }

    void markDown(InetAddress a, int port) {
        if (backoffNanos > 0) {
            until.put(key(a, port), System.nanoTime() + backoffNanos);
        }
    }

    void markUp(InetAddress a, int port) {
        until.remove(key(a, port));
    }
}
