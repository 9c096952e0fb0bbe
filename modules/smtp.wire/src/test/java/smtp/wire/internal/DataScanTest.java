package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.generators.Generate;

/** The word-at-a-time scans agree with the obvious byte loops, at every offset. */
class DataScanTest {

    static int naive(byte[] b, int from, int to, boolean nul) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\r' || b[i] == '\n' || (nul && b[i] == 0)) {
                return i;
            }
        }
        return to;
    }

    @Test
    void scansAgreeWithByteLoops() {
        var octets = Generate.frequency(List.of(
                Pair.of(1, Generate.pick(List.of((byte) '\r', (byte) '\n', (byte) 0, (byte) '\t', (byte) 11, (byte) 12, (byte) 13, (byte) 14, (byte) 0x8D, (byte) 0x8A))),
                Pair.of(12, Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 'a'))));
        qt().forAll(Generate.byteArrays(Generate.range(0, 80), octets), Generate.range(0, 80), Generate.range(0, 80))
                .checkAssert((b, x, y) -> {
                    int from = Math.min(Math.min(x, y), b.length);
                    int to = Math.min(Math.max(x, y), b.length);
                    assertEquals(naive(b, from, to, true), DataScan.nextSpecial(b, from, to));
                    assertEquals(naive(b, from, to, false), DataScan.nextLineEnd(b, from, to));
                });
    }

    @Test
    void findsEachSpecialOctetAtEveryPositionOfALongRun() {
        for (byte special : new byte[] {'\r', '\n', 0}) {
            for (int pos = 0; pos < 40; pos++) {
                byte[] b = "abcdefghijklmnopqrstuvwxyz\t\u000b\u000cABCDEFGHIJKLMN".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                b[pos] = special;
                assertEquals(pos, DataScan.nextSpecial(b, 0, b.length));
                assertEquals(special == 0 ? b.length : pos, DataScan.nextLineEnd(b, 0, b.length));
            }
        }
    }
}
