package smtp.queue.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import smtp.queue.QueueLimits;
import smtp.queue.Route;

/**
 * The concurrency limits of deliveries (RFC 5321 §4.5.4.1: "the SMTP client MAY support multiple
 * concurrent outgoing mail transactions. However, some limit may be appropriate"): one
 * semaphore for all deliveries ({@link QueueLimits#maxDeliveries()}) and one per destination
 * ({@link QueueLimits#maxPerDestination()}).
 *
 * <p>A destination's semaphore exists only while some delivery holds or waits for it: it is
 * counted by its users and removed by the last one, so a queue that runs for months does not
 * keep one per domain it ever sent to. A semaphore made again later starts with every permit
 * free, which is right, since nobody holds one.
 */
final class DeliveryLimits {

    /** A destination's semaphore and how many deliveries hold or wait for it. Guarded by {@link #gates}. */
    private static final class Gate {
        final Semaphore permits;
        int users;

        Gate(int permits) {
            this.permits = new Semaphore(permits);
        }
    }

    /** Work done under both limits. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final Semaphore global;
    private final int perDestination;
    private final Map<Route, Gate> gates = new HashMap<>();

    DeliveryLimits(QueueLimits limits) {
        this.global = new Semaphore(limits.maxDeliveries());
        this.perDestination = limits.maxPerDestination();
    }

    /** Runs {@code work} once a permit of {@code route}'s destination and a global one are held. */
    <T, E extends Exception> T run(Route route, Work<T, E> work) throws E, InterruptedException {
        Gate gate;
        synchronized (gates) {
            gate = gates.computeIfAbsent(route, k -> new Gate(perDestination));
            gate.users++;
        }
        try {
            gate.permits.acquire();
            try {
                global.acquire();
                try {
                    return work.run();
                } finally {
                    global.release();
                }
            } finally {
                gate.permits.release();
            }
        } finally {
            synchronized (gates) {
                if (--gate.users == 0) {
                    gates.remove(route, gate);
                }
            }
        }
    }

    /** Destinations with a semaphore now (for tests: 0 when no delivery runs). */
    int destinations() {
        synchronized (gates) {
            return gates.size();
        }
    }
}
