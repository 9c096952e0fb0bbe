package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The delivery log's delay field is written as {@code String.format("%.1f")} wrote it. */
class DeliveryLogTest {

    @Test
    void delayIsSecondsWithOneDecimalAsFormatWroteIt() {
        qt().forAll(longs().between(-10_000_000L, 100_000_000_000L))
                .checkAssert(ms -> assertEquals(String.format(Locale.ROOT, "%.1f", ms / 1000.0),
                        DeliveryLog.seconds(ms), ms + " ms"));
        for (long ms : new long[] {0, 49, 50, 51, 149, 150, 950, 999, 1000, 1049, 1050, 86_399_950L, -1, -50, -51}) {
            assertEquals(String.format(Locale.ROOT, "%.1f", ms / 1000.0), DeliveryLog.seconds(ms), ms + " ms");
        }
        assertEquals("0.1", DeliveryLog.seconds(50));
        assertEquals("12.3", DeliveryLog.seconds(12_345));
    }
}
