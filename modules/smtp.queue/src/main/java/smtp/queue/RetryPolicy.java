package smtp.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a deferred recipient again and when to give up, RFC 5321 §4.5.4.1: "mail that
 * cannot be transmitted immediately MUST be queued and periodically retried by the sender";
 * "The sender MUST delay retrying a particular destination after one attempt has failed";
 * "the give-up time generally needs to be at least 4-5 days"; "The parameters to the retry
 * algorithm MUST be configurable."
 *
 * <p>After the n-th failed attempt the next one is {@code firstRetry * backoff^(n-1)} later,
 * at most {@code maxRetry}, and never later than the message's expiry, so that the last
 * attempt happens at the expiry itself; a temporary failure at or after the expiry fails the
 * recipient for good.
 *
 * <p>Defaults: first retry after 5 minutes, doubling to at most 2 hours, give up after 5 days
 * (Postfix's {@code maximal_queue_lifetime}), 2 days for notifications, a "delayed" warning
 * after 4 hours. The RFC says the retry interval "SHOULD be at least 30 minutes"; the short
 * first retry is deliberate: greylisting servers accept a retry after a few minutes
 * (postgrey's default delay is 300 s), and 5, 10 and 20 minutes later still make only two
 * attempts in the first half hour, close to the RFC's "two connection attempts in the first
 * hour"; from the fourth retry on the interval is over 30 minutes.
 *
 * @param firstRetry           the delay after the first failed attempt (&gt; 0)
 * @param maxRetry             the longest delay between attempts (&ge; firstRetry)
 * @param backoff              the factor between consecutive delays (&ge; 1)
 * @param lifetime             how long a message may stay in the queue (&gt; 0)
 * @param notificationLifetime the same for notifications (null reverse-path): RFC 5321
 *                             §4.5.4.1 "It MAY be appropriate to set a shorter maximum number
 *                             of retries for non-delivery notifications"
 * @param delayWarning         after how long a "delayed" DSN is sent (RFC 3464 Action:
 *                             delayed), if at all
 */
public record RetryPolicy(Duration firstRetry, Duration maxRetry, double backoff, Duration lifetime,
                          Duration notificationLifetime, Optional<Duration> delayWarning) {

    /** 5 min, doubling to 2 h, 5 days, 2 days for notifications, warn after 4 h. */
    // DEVIATION(RFC 5321 §4.5.4.1): "the retry interval SHOULD be at least 30 minutes"; the first
    // retries come after 5, 10 and 20 minutes so that greylisted mail is not held for half an hour.
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMinutes(5), Duration.ofHours(2), 2.0,
            Duration.ofDays(5), Duration.ofDays(2), Optional.of(Duration.ofHours(4)));

    public RetryPolicy {
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxRetry, "maxRetry");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(notificationLifetime, "notificationLifetime");
        Objects.requireNonNull(delayWarning, "delayWarning");
        // RFC 5321 §4.5.4.1: "The sender MUST delay retrying a particular destination after one attempt has failed."
        if (firstRetry.isNegative() || firstRetry.isZero()) {
            throw new IllegalArgumentException("RFC 5321 §4.5.4.1: firstRetry must be > 0");
        }
        if (maxRetry.compareTo(firstRetry) < 0 || !(backoff >= 1.0) || Double.isInfinite(backoff)) {
            throw new IllegalArgumentException("maxRetry >= firstRetry and backoff >= 1");
        }
        if (lifetime.isNegative() || lifetime.isZero() || notificationLifetime.isNegative() || notificationLifetime.isZero()) {
            throw new IllegalArgumentException("lifetimes must be > 0");
        }
        if (delayWarning.isPresent() && (delayWarning.get().isNegative() || delayWarning.get().isZero())) {
            throw new IllegalArgumentException("delayWarning must be > 0");
        }
    }

    /** The delay after {@code failedAttempts} failed attempts (1 = after the first). */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("at least one failed attempt");
        }
        double nanos = firstRetry.toNanos() * Math.pow(backoff, failedAttempts - 1);
        return nanos >= maxRetry.toNanos() ? maxRetry : Duration.ofNanos((long) nanos);
    }

    /** When a message that arrived at {@code arrival} is given up. */
    public Instant expiry(Instant arrival, boolean notification) {
        return arrival.plus(notification ? notificationLifetime : lifetime);
    }

    /** The next attempt after a temporary failure at {@code now}: the backoff, capped at the expiry. */
    public Instant nextAttempt(Instant now, int failedAttempts, Instant arrival, boolean notification) {
        Instant next = now.plus(delayAfter(failedAttempts));
        Instant expiry = expiry(arrival, notification);
        return next.isAfter(expiry) ? (now.isBefore(expiry) ? expiry : now) : next;
    }

    /** True when a temporary failure at {@code now} ends the message's time in the queue. */
    public boolean expired(Instant now, Instant arrival, boolean notification) {
        return !now.isBefore(expiry(arrival, notification));
    }

    /** The same policy with another lifetime (tests, operators). */
    public RetryPolicy withLifetime(Duration newLifetime) {
        return new RetryPolicy(firstRetry, maxRetry, backoff, newLifetime, notificationLifetime, delayWarning);
    }

    /** The same policy with another delay warning. */
    public RetryPolicy withDelayWarning(Optional<Duration> warning) {
        return new RetryPolicy(firstRetry, maxRetry, backoff, lifetime, notificationLifetime, warning);
    }
}
