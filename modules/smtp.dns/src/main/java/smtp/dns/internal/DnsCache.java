package smtp.dns.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import smtp.dns.DnsResult;
import smtp.dns.RecordType;

/**
 * A bounded cache of DNS answers, each kept no longer than its TTL: least recently used
 * answers are dropped first when the bound is reached.
 *
 * <h2>Standards</h2>
 * RFC 1035 §3.2.1 and RFC 2181 §8 (the TTL bounds how long an answer may be cached; a TTL of 0
 * means "use once, do not cache"), RFC 2308 §5 (negative answers are cached for
 * min(SOA TTL, SOA MINIMUM), and not at all without an SOA; "values exceeding one day have been
 * found to be problematic" – we keep negative answers at most 3 hours, positive ones at most a
 * day), RFC 2308 §7 (failures: we do not cache them, the next lookup asks again).
 *
 * <h2>Diagnostics</h2>
 * None: a miss is {@link Optional#empty()}. Thread-safe (one lock, held for a map operation).
 */
public final class DnsCache {

    /** The longest a positive answer is kept, whatever its TTL. */
    public static final Duration MAX_POSITIVE = Duration.ofDays(1);
    /** The longest a negative answer is kept (RFC 2308 §5 suggests one to three hours). */
    public static final Duration MAX_NEGATIVE = Duration.ofHours(3);

    /** What was asked. */
    private record Key(String name, RecordType type) {
    }

    /** An answer and when it stops being usable (in {@link #clock} nanoseconds). */
    private record Cached(DnsResult<?> result, long expires) {
    }

    private final int capacity;
    private final LongSupplier clock;
    private final LinkedHashMap<Key, Cached> entries;

    /**
     * @param capacity the most answers kept (0 = cache nothing)
     * @param clock    nanoseconds, e.g. {@code System::nanoTime}
     */
    public DnsCache(int capacity, LongSupplier clock) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity >= 0");
        }
        this.capacity = capacity;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > DnsCache.this.capacity;
            }
        };
    }

    /** The cached answer, if one is there and its TTL has not run out. */
    @SuppressWarnings("unchecked") // stored under the key of its own type
    public <T> Optional<DnsResult<T>> get(String name, RecordType type) {
        if (capacity == 0) {
            return Optional.empty();
        }
        Key key = new Key(name, type);
        long now = clock.getAsLong();
        synchronized (entries) {
            Cached e = entries.get(key);
            if (e == null) {
                return Optional.empty();
            }
            if (now - e.expires() >= 0) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of((DnsResult<T>) e.result());
        }
    }

    /**
     * Keeps {@code result} for {@code ttlSeconds} (capped, see the class comment). Temporary
     * failures and TTLs of 0 or less are not kept.
     */
    public void put(String name, RecordType type, DnsResult<?> result, long ttlSeconds) {
        if (capacity == 0 || ttlSeconds <= 0 || result instanceof DnsResult.TempFail<?>) {
            return;
        }
        Duration cap = result instanceof DnsResult.Records<?> ? MAX_POSITIVE : MAX_NEGATIVE;
        long seconds = Math.min(ttlSeconds, cap.toSeconds());
        long expires = clock.getAsLong() + Duration.ofSeconds(seconds).toNanos();
        synchronized (entries) {
            entries.put(new Key(name, type), new Cached(result, expires));
        }
    }

    /** How many answers are held (expired ones included until they are next asked for). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
