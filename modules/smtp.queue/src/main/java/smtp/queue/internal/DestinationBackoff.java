package smtp.queue.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import smtp.queue.Diagnostic;
import smtp.queue.RetryPolicy;
import smtp.queue.Route;

/**
 * Destinations that failed at the connection level, held back until their next retry: RFC 5321
 * §4.5.4.1, "The sender MUST delay retrying a particular destination after one attempt has
 * failed". A recipient's own schedule alone does not do that: a new message for a destination
 * that just refused every connection (or greeted with 421) would be tried at once. So after such
 * a failure ({@link smtp.queue.DeliveryOutcome.Deferred#destinationDown()}) the destination is
 * suspended, and every message for it, old or new, waits until the suspension ends; then the
 * next delivery tries it again.
 *
 * <p>The suspension follows the {@link RetryPolicy}: after the n-th failure in a row it lasts
 * {@link RetryPolicy#delayAfter(int) delayAfter(n)} (5, 10, 20 minutes ... up to 2 hours by
 * default). One accepted session ends it. Time is the queue's {@link java.time.Clock}. An
 * operator's flush ends every suspension (as Postfix's {@code postqueue -f} revives "dead"
 * destinations). Entries are dropped once they are older than their suspension plus the
 * longest retry interval, so a long-running queue keeps only destinations that are down now.
 */
final class DestinationBackoff {

    /**
     * A destination held back.
     *
     * @param until    when it may be tried again
     * @param failures connection-level failures in a row
     * @param reason   the last failure
     */
    record Suspension(Instant until, int failures, Diagnostic reason) {
    }

    private final RetryPolicy retry;
    private final ConcurrentHashMap<Route, Suspension> down = new ConcurrentHashMap<>();

    DestinationBackoff(RetryPolicy retry) {
        this.retry = retry;
    }

    /** The suspension of {@code route} in force at {@code now}, if any. */
    Optional<Suspension> suspended(Route route, Instant now) {
        Suspension s = down.get(route);
        if (s == null) {
            return Optional.empty();
        }
        if (stale(s, now)) {
            down.remove(route, s);
            return Optional.empty();
        }
        return now.isBefore(s.until()) ? Optional.of(s) : Optional.empty();
    }

    /** Notes a connection-level failure of {@code route} at {@code now}. */
    void failed(Route route, Instant now, Diagnostic reason) {
        down.compute(route, (r, s) -> {
            if (s != null && now.isBefore(s.until())) {
                // Deliveries that started together report the same outage once each: one failure.
                return s;
            }
            int failures = s == null || stale(s, now) ? 1 : s.failures() + 1;
            return new Suspension(now.plus(retry.delayAfter(failures)), failures, reason);
        });
        down.values().removeIf(s -> stale(s, now));
    }

    /** Notes that {@code route} accepted a session: it is up. */
    void reached(Route route) {
        down.remove(route);
    }

    /** Ends every suspension (an operator's flush). */
    void clear() {
        down.clear();
    }

    /** Destinations currently remembered (for tests). */
    int size() {
        return down.size();
    }

    private boolean stale(Suspension s, Instant now) {
        return !now.isBefore(s.until().plus(retry.maxRetry()));
    }
}
