package smtp.server.internal.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed AUTH attempts per client address, across connections: the tarpit's memory, so that a
 * guesser cannot reset the growing delay by reconnecting. Each failure adds one; one is
 * forgotten per {@link #decay} without failures, so an address that stops guessing is back at
 * the base delay after a while. At most {@link #capacity} addresses are remembered; when full,
 * the one whose last failure is oldest is dropped (an attacker with many addresses can only
 * push out the entries that matter least). Thread-safe.
 *
 * <h2>Standards</h2>
 * RFC 4954 §4 and §14 (Security Considerations): servers should protect against password
 * guessing; the delay is the I/O layer's (see {@link Connection}). IPv6 clients are counted per
 * /64, the smallest network a site is usually given (RFC 6177), so that one host cannot rotate
 * through its own addresses.
 */
final class AuthFailures {

    /** How many addresses are remembered at most. */
    static final int DEFAULT_CAPACITY = 10_000;
    /** One failure is forgotten per this much time without failures. */
    static final Duration DEFAULT_DECAY = Duration.ofMinutes(1);

    private record Entry(int count, long last) {
    }

    private final int capacity;
    private final long decay;
    private final LongSupplier clock;
    private final Map<InetAddress, Entry> entries = new HashMap<>();

    /**
     * @param capacity the most addresses remembered
     * @param decay    one failure is forgotten per this much time without failures
     * @param clock    nanoseconds (tests pass their own)
     */
    AuthFailures(int capacity, Duration decay, LongSupplier clock) {
        if (capacity < 1 || decay.isNegative() || decay.isZero()) {
            throw new IllegalArgumentException("capacity >= 1 and a positive decay");
        }
        this.capacity = capacity;
        this.decay = decay.toNanos();
        this.clock = clock;
    }

    AuthFailures() {
        this(DEFAULT_CAPACITY, DEFAULT_DECAY, System::nanoTime);
    }

    /** Records a failed AUTH of {@code client}; returns the failures now counted for it (at least 1). */
    synchronized int failed(InetAddress client) {
        InetAddress key = key(client);
        long now = clock.getAsLong();
        int before = current(entries.get(key), now);
        if (before == 0 && !entries.containsKey(key) && entries.size() >= capacity) {
            evict(now);
        }
        int count = before == Integer.MAX_VALUE ? before : before + 1;
        entries.put(key, new Entry(count, now));
        return count;
    }

    /** The failures counted now for {@code client} (0 when none or forgotten). */
    synchronized int failures(InetAddress client) {
        return current(entries.get(key(client)), clock.getAsLong());
    }

    /** The addresses remembered now. */
    synchronized int size() {
        return entries.size();
    }

    private int current(Entry e, long now) {
        if (e == null) {
            return 0;
        }
        long forgotten = Math.max(0, now - e.last()) / decay;
        return (int) Math.max(0, e.count() - forgotten);
    }

    /** Drops every forgotten entry, and if none was, the one with the oldest failure. */
    private void evict(long now) {
        entries.values().removeIf(e -> current(e, now) == 0);
        if (entries.size() >= capacity) {
            entries.entrySet().stream().min((a, b) -> Long.compare(a.getValue().last() - now, b.getValue().last() - now))
                    .map(Map.Entry::getKey).ifPresent(entries::remove);
        }
    }

    /** The address an attempt is counted under: IPv4 as is, IPv6 by its /64. */
    static InetAddress key(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a;
        }
        byte[] b = a.getAddress();
        for (int i = 8; i < b.length; i++) {
            b[i] = 0;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 octets are an IPv6 address", e);
        }
    }
}
