package smtp.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    static final Instant ARRIVAL = Instant.parse("2026-03-01T00:00:00Z");
    final RetryPolicy p = RetryPolicy.DEFAULT;

    @Test
    @Tag("5321-4.5.4.1a")
    void defaultsDoubleFromFiveMinutesToTwoHours_rfc5321_4_5_4_1() {
        assertEquals(Duration.ofMinutes(5), p.delayAfter(1));
        assertEquals(Duration.ofMinutes(10), p.delayAfter(2));
        assertEquals(Duration.ofMinutes(20), p.delayAfter(3));
        assertEquals(Duration.ofMinutes(40), p.delayAfter(4));
        assertEquals(Duration.ofMinutes(80), p.delayAfter(5));
        assertEquals(Duration.ofHours(2), p.delayAfter(6));
        assertEquals(Duration.ofHours(2), p.delayAfter(1000));
    }

    @Test
    @Tag("5321-4.5.4.1a")
    void aRetryIsNeverImmediate_rfc5321_4_5_4_1() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, Duration.ofHours(1), 2,
                Duration.ofDays(5), Duration.ofDays(2), Optional.empty()));
        // law: every delay is within [firstRetry, maxRetry], and delays never shrink
        qt().forAll(integers().between(1, 10_000)).check(n -> {
            Duration d = p.delayAfter(n);
            return d.compareTo(p.firstRetry()) >= 0 && d.compareTo(p.maxRetry()) <= 0
                    && (n == 1 || d.compareTo(p.delayAfter(n - 1)) >= 0);
        });
    }

    @Test
    @Tag("5321-4.5.4.1b")
    void nextAttemptNeverPassesTheExpiry_rfc5321_4_5_4_1() {
        Instant expiry = p.expiry(ARRIVAL, false);
        assertEquals(ARRIVAL.plus(Duration.ofDays(5)), expiry);
        assertEquals(ARRIVAL.plus(Duration.ofDays(2)), p.expiry(ARRIVAL, true));
        // law: before the expiry the next attempt is later than now and no later than the expiry
        qt().forAll(longs().between(0, Duration.ofDays(5).toSeconds() - 1), integers().between(1, 200)).check((s, n) -> {
            Instant now = ARRIVAL.plusSeconds(s);
            Instant next = p.nextAttempt(now, n, ARRIVAL, false);
            return next.isAfter(now) && !next.isAfter(expiry) && !p.expired(now, ARRIVAL, false);
        });
        Instant justBefore = expiry.minusSeconds(60);
        assertEquals(expiry, p.nextAttempt(justBefore, 30, ARRIVAL, false), "the last attempt is at the expiry");
        assertTrue(p.expired(expiry, ARRIVAL, false));
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(1), 2,
                Duration.ofDays(5), Duration.ofDays(2), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofMinutes(5), Duration.ofHours(1), 0.5,
                Duration.ofDays(5), Duration.ofDays(2), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> p.withLifetime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> p.withDelayWarning(Optional.of(Duration.ofSeconds(-1))));
    }
}
