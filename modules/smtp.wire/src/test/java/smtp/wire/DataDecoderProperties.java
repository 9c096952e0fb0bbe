package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Laws of the DATA decoder and encoder (QuickTheories). */
class DataDecoderProperties {

    static final DataPolicy PERMISSIVE = new DataPolicy(false, false, false, 0, 0);
    /** Strict about line endings and NUL, without the length limits. */
    static final DataPolicy STRICT_UNLIMITED = new DataPolicy(true, true, true, 0, 0);

    /** Octets that matter to the decoder, often; anything else sometimes. */
    static Gen<Byte> octets() {
        return Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(4, Generate.pick(List.of((byte) '\r', (byte) '\n', (byte) '.'))),
                org.quicktheories.api.Pair.of(4, Generate.pick(List.of((byte) 'a', (byte) ' ', (byte) 'Z'))),
                org.quicktheories.api.Pair.of(1, Generate.pick(List.of((byte) 0, (byte) 0xFF, (byte) '\t'))),
                org.quicktheories.api.Pair.of(1, Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 'a'))));
    }

    static Gen<byte[]> inputs(int maxLength) {
        return Generate.byteArrays(Generate.range(0, maxLength), octets());
    }

    /** A line's content: any octets but CR and LF, dots frequent. */
    static Gen<byte[]> lineContent() {
        return Generate.byteArrays(Generate.range(0, 20), octets().map(b -> b == '\r' || b == '\n' ? (byte) '.' : b));
    }

    static Gen<DataPolicy> policies() {
        return Generate.pick(List.of(DataPolicy.STRICT, PERMISSIVE, STRICT_UNLIMITED,
                new DataPolicy(true, true, true, 5, 0), new DataPolicy(false, false, false, 0, 7),
                new DataPolicy(true, false, true, 3, 11), new DataPolicy(false, true, false, 8, 20)));
    }

    static byte[] stuff(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DotStuffingOutputStream s = new DotStuffingOutputStream(out)) {
            for (int i = 0; i < body.length; i += chunk) {
                s.write(body, i, Math.min(chunk, body.length - i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The encoder's specification for line endings: CRLF, bare CR and bare LF each become one CRLF. */
    static byte[] normalise(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < body.length && body[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        byte[] n = out.toByteArray();
        boolean open = n.length > 0 && !(n.length >= 2 && n[n.length - 2] == '\r' && n[n.length - 1] == '\n');
        return open ? DataDecoderSmugglingTest.concat(n, new byte[] {'\r', '\n'}) : n;
    }

    @Test
    @Tag("5321-4.5.2c")
    void unstuffOfStuffIsTheIdentityOnCrlfBodies_rfc5321_4_5_2() {
        Gen<byte[]> bodies = lists().of(lineContent()).ofSizeBetween(0, 12).zip(Generate.booleans(), (lines, closed) -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < lines.size(); i++) {
                b.writeBytes(lines.get(i));
                if (i < lines.size() - 1 || closed) {
                    b.writeBytes(new byte[] {'\r', '\n'});
                }
            }
            return b.toByteArray();
        });
        qt().forAll(bodies, Generate.range(1, 9)).checkAssert((body, chunk) -> {
            byte[] wire = stuff(body, chunk);
            DataRun r = DataRun.of(new DataPolicy(true, true, false, 0, 0), wire, chunk);
            assertEquals(wire.length, r.consumed(), "the decoder stops exactly at the encoder's end");
            assertTrue(r.accepted(), r::toString);
            assertArrayEquals(normalise(body), r.sink());
        });
    }

    @Test
    @Tag("5321-2.3.8b")
    void theEncoderNeverEmitsBareLineEndingsWhateverItIsGiven_rfc5321_2_3_8() {
        qt().forAll(inputs(200), Generate.range(1, 13)).checkAssert((body, chunk) -> {
            byte[] wire = stuff(body, chunk);
            for (int i = 0; i < wire.length; i++) {
                if (wire[i] == '\n') {
                    assertTrue(i > 0 && wire[i - 1] == '\r', "bare LF at " + i);
                }
                if (wire[i] == '\r') {
                    assertTrue(i + 1 < wire.length && wire[i + 1] == '\n', "bare CR at " + i);
                }
            }
            DataRun r = DataRun.of(new DataPolicy(true, true, false, 0, 0), wire, wire.length);
            assertEquals(wire.length, r.consumed(), "only the final CRLF.CRLF ends it");
            assertTrue(r.accepted());
            assertArrayEquals(normalise(body), r.sink());
        });
    }

    @Test
    @Tag("5321-4.1.1.4a")
    void everySplitGivesTheSameOutputAndOutcome_rfc5321_4_1_1_4() {
        Gen<byte[]> withEnd = inputs(60).zip(Generate.booleans(),
                (b, end) -> end ? DataDecoderSmugglingTest.concat(b, new byte[] {'\r', '\n', '.', '\r', '\n', 'X'}) : b);
        qt().forAll(withEnd, policies()).checkAssert((input, policy) -> {
            DataRun whole = DataRun.of(policy, input, input.length);
            for (int cut = 0; cut <= input.length; cut++) {
                assertEquals(whole, DataRun.split(policy, input, cut), "split at " + cut);
            }
            assertEquals(whole, DataRun.of(policy, input, 1), "one octet at a time");
        });
    }

    @Test
    @Tag("5321-4.5.2e")
    void arbitraryOctetsNeverThrowAndARefusedSinkIsAPrefixWithinTheLimit_rfc5321_4_5_2() {
        qt().forAll(inputs(300), policies(), Generate.range(1, 64)).checkAssert((input, policy, chunk) -> {
            DataRun r = DataRun.of(policy, input, chunk);
            DataRun lenient = DataRun.of(PERMISSIVE, input, chunk);
            assertEquals(lenient.consumed(), r.consumed(), "the policy never changes where the data ends");
            assertTrue(r.sink().length <= lenient.sink().length
                    && Arrays.equals(r.sink(), Arrays.copyOf(lenient.sink(), r.sink().length)), "a prefix of the content");
            if (policy.maxMessageSize() > 0) {
                assertTrue(r.sink().length <= policy.maxMessageSize(), "never more than the size limit in the sink");
            }
            if (r.outcome() instanceof DataOutcome.Accepted a) {
                assertEquals(r.sink().length, a.size());
            }
        });
    }

    @Test
    @Tag("5321-4.5.2e")
    void holdsBackNothingButALineInitialDot_rfc5321_4_5_2() {
        Gen<byte[]> noDots = inputs(200).map(b -> {
            byte[] c = b.clone();
            for (int i = 0; i < c.length; i++) {
                if (c[i] == '.') {
                    c[i] = ',';
                }
            }
            return c;
        });
        qt().forAll(noDots).checkAssert(input -> {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            DataDecoder d = new DataDecoder(PERMISSIVE, sink);
            try {
                for (int i = 0; i < input.length; i++) {
                    d.feed(input, i, 1);
                    assertEquals(i + 1, sink.size(), "everything fed has been written");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
