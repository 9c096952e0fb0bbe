package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.queue.Diagnostic;
import smtp.queue.RetryPolicy;
import smtp.queue.Route;

/** The destination-level backoff on its own, with instants chosen by the test. */
class DestinationBackoffTest {

    final Route down = new Route(ScriptedTransport.sink("smtp"), "down.example");
    final Diagnostic refused = Diagnostic.local("mx.down.example", 421, "4.4.1", "connection refused");
    final Instant t0 = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    @Tag("5321-4.5.4.1f")
    void suspensionsFollowTheRetryScheduleAndEndWithASession_rfc5321_4_5_4_1() {
        DestinationBackoff b = new DestinationBackoff(RetryPolicy.DEFAULT);
        b.failed(down, t0, refused);
        assertEquals(t0.plus(Duration.ofMinutes(5)), b.suspended(down, t0).orElseThrow().until());
        // the same outage reported by a delivery that started together: still one failure
        b.failed(down, t0.plusSeconds(10), refused);
        assertEquals(1, b.suspended(down, t0.plusSeconds(20)).orElseThrow().failures());
        assertTrue(b.suspended(down, t0.plus(Duration.ofMinutes(5))).isEmpty(), "tried again at its retry time");
        b.failed(down, t0.plus(Duration.ofMinutes(5)), refused);
        assertEquals(t0.plus(Duration.ofMinutes(15)), b.suspended(down, t0.plus(Duration.ofMinutes(6))).orElseThrow().until());
        b.reached(down);
        assertTrue(b.suspended(down, t0.plus(Duration.ofMinutes(6))).isEmpty());
        assertEquals(0, b.size());
    }

    @Test
    void oldOutagesAreForgotten() {
        DestinationBackoff b = new DestinationBackoff(RetryPolicy.DEFAULT);
        b.failed(down, t0, refused);
        for (int i = 0; i < 100; i++) {
            b.failed(new Route(down.transport(), "d" + i + ".example"), t0, refused);
        }
        assertEquals(101, b.size());
        // long after every suspension and the longest retry interval, the next failure prunes them
        Instant later = t0.plus(Duration.ofHours(3));
        b.failed(new Route(down.transport(), "new.example"), later, refused);
        assertEquals(1, b.size());
        b.failed(down, later, refused);
        assertEquals(1, b.suspended(down, later).orElseThrow().failures(), "a new outage starts the schedule again");
    }
}
