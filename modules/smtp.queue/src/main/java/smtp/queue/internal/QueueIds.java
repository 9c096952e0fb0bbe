package smtp.queue.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import smtp.queue.QueueId;

/**
 * Makes queue ids: 10 Crockford base-32 digits of the millisecond, then 6 of a counter that
 * starts at a random value. Ids of one process never repeat (the counter has 2^30 values per
 * millisecond); ids of different runs differ by the time a restart takes. They sort by time.
 */
final class QueueIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final AtomicInteger counter = new AtomicInteger(new SecureRandom().nextInt());

    QueueIds(Clock clock) {
        this.clock = clock;
    }

    QueueId next() {
        long millis = Math.max(0, clock.millis());
        int n = counter.getAndIncrement() & ((1 << 30) - 1);
        char[] id = new char[16];
        for (int i = 9; i >= 0; i--) {
            id[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 15; i >= 10; i--) {
            id[i] = CROCKFORD[n & 31];
            n >>>= 5;
        }
        return new QueueId(new String(id));
    }
}
