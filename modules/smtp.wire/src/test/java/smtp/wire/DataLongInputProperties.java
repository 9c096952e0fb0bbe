package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Laws of the DATA decoder and encoder on long inputs: mail-like text in which the octets that
 * matter (CR, LF, NUL, ".", TAB) are sparse, so that the sixteen-octet word scans run, and
 * chunk boundaries fall inside and between those words: before a line-initial ".", between
 * CR and LF, right after a CR at the very end of a chunk, next to NUL or a bare CR or LF.
 */
class DataLongInputProperties {

    /** Mostly ordinary text; now and then an octet the scans must stop at (or skip). */
    static Gen<Byte> sparseOctets() {
        return Generate.frequency(List.of(
                Pair.of(60, Generate.pick(List.of((byte) 'a', (byte) ' ', (byte) 'Z', (byte) '=', (byte) 0xE9))),
                Pair.of(3, Generate.pick(List.of((byte) '\r', (byte) '\n', (byte) '.'))),
                Pair.of(1, Generate.pick(List.of((byte) 0, (byte) '\t', (byte) 0x0E, (byte) 0x8D, (byte) 0x8A)))));
    }

    /** Long lines of sparse octets joined by CRLF, often followed by "."; some lines near 1000 octets. */
    static Gen<byte[]> longInputs() {
        Gen<byte[]> line = Generate.byteArrays(Generate.frequency(List.of(
                Pair.of(6, Generate.range(0, 90)), Pair.of(1, Generate.range(990, 1010)))), sparseOctets());
        Gen<byte[]> start = Generate.frequency(List.of(
                Pair.of(3, Generate.constant(new byte[0])), Pair.of(1, Generate.constant(new byte[] {'.'}))));
        return org.quicktheories.generators.SourceDSL.lists().of(start.zip(line, DataDecoderSmugglingTest::concat))
                .ofSizeBetween(0, 40)
                .map(lines -> {
                    byte[] all = new byte[0];
                    for (byte[] l : lines) {
                        all = DataDecoderSmugglingTest.concat(all, l, new byte[] {'\r', '\n'});
                    }
                    return all;
                });
    }

    @Test
    @Tag("5321-4.1.1.4a")
    void everyChunkingOfALongInputGivesTheSameOutputAndOutcome_rfc5321_4_1_1_4() {
        Gen<byte[]> withEnd = longInputs().zip(Generate.booleans(),
                (b, end) -> end ? DataDecoderSmugglingTest.concat(b, new byte[] {'.', '\r', '\n', 'X'}) : b);
        qt().withExamples(150).forAll(withEnd, DataDecoderProperties.policies(), Generate.range(1, 80))
                .checkAssert((input, policy, chunk) -> {
                    DataRun octetwise = DataRun.of(policy, input, 1);
                    assertEquals(octetwise, DataRun.of(policy, input, input.length), "whole");
                    assertEquals(octetwise, DataRun.of(policy, input, chunk), "chunks of " + chunk);
                    DataPolicy rfcLimit = policy.withMaxTextLine(1000);
                    assertEquals(DataRun.of(rfcLimit, input, 1), DataRun.of(rfcLimit, input, chunk + 7),
                            "1000-octet limit, chunks of " + (chunk + 7));
                });
    }

    @Test
    @Tag("5321-4.5.2c")
    void unstuffOfStuffIsTheIdentityOnLongBodiesWhateverTheChunks_rfc5321_4_5_2() {
        qt().withExamples(150).forAll(longInputs(), Generate.range(1, 80), Generate.range(1, 80))
                .checkAssert((body, writeChunk, readChunk) -> {
                    byte[] wire = DataDecoderProperties.stuff(body, writeChunk);
                    assertArrayEquals(DataDecoderProperties.stuff(body, body.length + 1), wire, "the encoder ignores the write size");
                    DataRun r = DataRun.of(new DataPolicy(true, true, false, 0, 0), wire, readChunk);
                    assertEquals(wire.length, r.consumed(), "the decoder stops exactly at the encoder's end");
                    assertTrue(r.accepted(), r::toString);
                    assertArrayEquals(DataDecoderProperties.normalise(body), r.sink());
                });
    }
}
