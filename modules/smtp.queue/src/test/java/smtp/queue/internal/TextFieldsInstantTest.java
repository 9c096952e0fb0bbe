package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/**
 * The spool's arrival-date reader: its fast path for what {@link Instant#toString()} writes
 * agrees with {@link Instant#parse} on everything it accepts, and leaves the rest to it.
 */
class TextFieldsInstantTest {

    private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void readsBackEveryInstantWrittenForYears0000To9999() {
        qt().forAll(longs().between(MIN, MAX), integers().between(0, 999_999_999), integers().between(0, 3))
                .checkAssert((s, n, shape) -> {
                    // every fraction width Instant.toString writes: none, 3, 6 and 9 digits
                    int nano = switch (shape) {
                        case 0 -> 0;
                        case 1 -> n / 1_000_000 * 1_000_000;
                        case 2 -> n / 1000 * 1000;
                        default -> n;
                    };
                    Instant i = Instant.ofEpochSecond(s, nano);
                    assertEquals(i, TextFields.plainInstant(i.toString()), i.toString());
                });
    }

    @Test
    void agreesWithInstantParseOnDigitShapedStrings() {
        // Random digits in the written shape: impossible dates (month 13, 30 February, hour 24,
        // second 60) must not be read by the fast path differently from Instant.parse.
        qt().forAll(strings().numeric(), integers().between(0, 9))
                .checkAssert((digits, fractionWidth) -> {
                    String d = (digits + "00000000000000000000000").substring(0, 14 + fractionWidth);
                    String v = d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6, 8) + "T"
                            + d.substring(8, 10) + ":" + d.substring(10, 12) + ":" + d.substring(12, 14)
                            + (fractionWidth > 0 ? "." + d.substring(14) : "") + "Z";
                    Instant fast = TextFields.plainInstant(v);
                    if (fast != null) {
                        assertEquals(Instant.parse(v), fast, v);
                    }
                });
        for (String v : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-01T24:00:00Z",
                "2026-06-30T23:59:60Z", "2026-03-01T09:00:00.Z", "2026-03-01t09:00:00Z", "+2026-03-01T09:00:00Z",
                "2026-03-01T09:00:00+01:00", "2026-03-01T09:00Z", "2026-03-01T09:00:00.1234567890Z", ""}) {
            assertNull(TextFields.plainInstant(v), v);
        }
    }

    @Test
    void leavesOtherFormsToInstantParse() throws Exception {
        TextFields.Field leap = new TextFields.Field("arrival-date", "2026-06-30T23:59:60Z");
        assertEquals(Instant.parse("2026-06-30T23:59:60Z"), TextFields.instant(leap));
        TextFields.Field bad = new TextFields.Field("arrival-date", "2026-02-30T00:00:00Z");
        assertThrows(DateTimeParseException.class, () -> Instant.parse(bad.value()));
        assertThrows(CorruptFileException.class, () -> TextFields.instant(bad));
        assertEquals(Instant.parse("2026-03-01T09:15:02.123Z"),
                TextFields.instant(new TextFields.Field("arrival-date", "2026-03-01T09:15:02.123Z")));
    }
}
