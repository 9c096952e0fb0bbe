package smtp.server.internal.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import smtp.server.Network;

/**
 * Counts connections in total and per client address and refuses those over the limits
 * (the caller answers 421 4.7.0 and closes, RFC 5321 §3.8 and §4.2.3 "421 Service not
 * available, closing transmission channel"). Clients in the exempt networks
 * ({@code relay.networks}) count towards the total only, as Postfix exempts {@code mynetworks}
 * from its per-client limits. It also remembers failed AUTH attempts per client address
 * ({@link AuthFailures}), so that the tarpit's delay grows across connections. Thread-safe.
 */
public final class ConnectionLimiter {

    private final int total;
    private final int perAddress;
    private final List<Network> exempt;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final AuthFailures authFailures;

    public ConnectionLimiter(int total, int perAddress, List<Network> exempt) {
        this(total, perAddress, exempt, new AuthFailures());
    }

    ConnectionLimiter(int total, int perAddress, List<Network> exempt, AuthFailures authFailures) {
        this.total = total;
        this.perAddress = perAddress;
        this.exempt = List.copyOf(exempt);
        this.authFailures = authFailures;
    }

    /** A permit for one connection of {@code client}, or empty with why, when a limit is reached. */
    public Permit acquire(InetAddress client) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return new Permit(client, null, Optional.of("too many connections (" + total + ")"));
        }
        if (exempt.stream().anyMatch(n -> n.contains(client))) {
            return new Permit(client, null, Optional.empty());
        }
        boolean[] refused = {false};
        byAddress.compute(client, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perAddress) {
                refused[0] = true;
                return count == 0 ? null : count;
            }
            return count + 1;
        });
        if (refused[0]) {
            open.decrementAndGet();
            return new Permit(client, null, Optional.of("too many connections from " + client.getHostAddress() + " (" + perAddress + ")"));
        }
        return new Permit(client, client, Optional.empty());
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    /** A granted (or refused) connection slot. */
    public final class Permit {
        private final InetAddress client;
        private final InetAddress counted;
        private final Optional<String> refusal;
        private boolean released;

        private Permit(InetAddress client, InetAddress counted, Optional<String> refusal) {
            this.client = client;
            this.counted = counted;
            this.refusal = refusal;
        }

        /**
         * Records a failed AUTH of this connection's client; returns the failures counted for its
         * address (this connection's and others', recent ones), for the tarpit's delay.
         */
        public int authFailed() {
            return authFailures.failed(client);
        }

        /** Why the connection is refused, if it is. */
        public Optional<String> refusal() {
            return refusal;
        }

        /** Gives the slot back (once; a refused permit holds nothing). */
        public synchronized void release() {
            if (released || refusal.isPresent()) {
                return;
            }
            released = true;
            open.decrementAndGet();
            if (counted != null) {
                byAddress.computeIfPresent(counted, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
