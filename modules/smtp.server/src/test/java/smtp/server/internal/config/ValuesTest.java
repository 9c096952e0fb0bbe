package smtp.server.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Durations, sizes and booleans of the configuration file. */
class ValuesTest {

    @Test
    void durationsSizesAndBooleans() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), Values.duration("30s"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), Values.duration(" 5m "));
        assertEquals(Optional.of(Duration.ofHours(2)), Values.duration("2H"));
        assertEquals(Optional.of(Duration.ofDays(5)), Values.duration("5d"));
        assertEquals(Optional.of(Duration.ofMillis(250)), Values.duration("250ms"));
        assertEquals(Optional.empty(), Values.duration("5"));
        assertEquals(Optional.empty(), Values.duration("-5s"));
        assertEquals(Optional.empty(), Values.duration("1w"));
        assertEquals(Optional.of(26214400L), Values.size("25m"));
        assertEquals(Optional.of(1024L), Values.size("1k"));
        assertEquals(Optional.of(123L), Values.size("123"));
        assertEquals(Optional.empty(), Values.size("1t"));
        assertEquals(Optional.empty(), Values.size("999999999999999g"));
        assertEquals(Optional.of(true), Values.bool("True"));
        assertEquals(Optional.empty(), Values.bool("yes"));
        assertEquals(Optional.empty(), Values.integer("12345678901", 0, Integer.MAX_VALUE));
    }

    @Test
    void everyUnitRoundTrips() {
        qt().forAll(integers().between(0, 1_000_000)).checkAssert(n -> {
            assertEquals(Optional.of(Duration.ofSeconds(n)), Values.duration(n + "s"));
            assertEquals(Optional.of(Duration.ofMinutes(n)), Values.duration(n + "m"));
            assertEquals(Optional.of((long) n << 10), Values.size(n + "k"));
        });
    }
}
