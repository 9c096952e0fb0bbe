package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.queue.QueueLimits;
import smtp.queue.Route;

/** The delivery concurrency limits, and that a destination's semaphore does not outlive its deliveries. */
class DeliveryLimitsTest {

    final ScriptedTransport smtp = ScriptedTransport.sink("smtp");

    @Test
    @Tag("5321-4.5.4.1e")
    void perDestinationLimitHoldsAndIdleDestinationsAreForgotten_rfc5321_4_5_4_1() throws Exception {
        DeliveryLimits limits = new DeliveryLimits(new QueueLimits(100, 2, 100, 100));
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // 40 deliveries to one destination, and 40 to as many others
                futures.add(pool.submit(() -> limits.run(new Route(smtp, "busy.example"), () -> {
                    peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    now.decrementAndGet();
                    return null;
                })));
                String other = "d" + i + ".example";
                futures.add(pool.submit(() -> limits.run(new Route(smtp, other), () -> null)));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        assertTrue(peak.get() <= 2, "peak " + peak.get());
        assertEquals(0, limits.destinations(), "no semaphore is kept for a destination nobody delivers to");
    }

    @Test
    void aDestinationIsTrackedWhileADeliveryHoldsOrWaitsForIt() throws Exception {
        DeliveryLimits limits = new DeliveryLimits(new QueueLimits(100, 1, 100, 100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = pool.submit(() -> limits.run(new Route(smtp, "a.example"), () -> {
                holding.countDown();
                release.await();
                return ran.incrementAndGet();
            }));
            assertTrue(holding.await(30, TimeUnit.SECONDS));
            Future<?> second = pool.submit(() -> limits.run(new Route(smtp, "a.example"), ran::incrementAndGet));
            Thread.sleep(50);
            assertEquals(1, limits.destinations());
            assertEquals(0, ran.get(), "the second waits for the first's permit");
            assertTrue(!second.isDone());
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        }
        assertEquals(2, ran.get());
        assertEquals(0, limits.destinations());
    }
}
