package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the DATA decoder (Jazzer). The first octet picks the policy and
 * the chunk size; the rest is the DATA section. The seed corpus holds the SMTP-smuggling
 * sequences and ordinary messages. In regression mode (CI) only the corpus is replayed.
 */
class DataDecoderFuzz {

    static final List<DataPolicy> POLICIES = List.of(DataPolicy.STRICT, new DataPolicy(false, false, false, 0, 0),
            new DataPolicy(true, true, true, 6, 0), new DataPolicy(false, true, false, 0, 9),
            new DataPolicy(true, false, true, 3, 40), new DataPolicy(false, false, true, 1, 0));

    @FuzzTest(maxDuration = "10s")
    @Tag("5321-2.3.8a")
    void decoderInvariantsHoldForAnyInput(byte[] data) {
        if (data.length == 0) {
            return;
        }
        DataPolicy policy = POLICIES.get((data[0] & 0xFF) % POLICIES.size());
        int chunk = 1 + ((data[0] & 0xFF) >>> 3);
        byte[] input = Arrays.copyOfRange(data, 1, data.length);

        DataRun whole = DataRun.of(policy, input, input.length);
        DataRun chunked = DataRun.of(policy, input, chunk);
        assertEquals(whole, chunked, "chunking changes nothing");

        DataRun lenient = DataRun.of(POLICIES.get(1), input, input.length);
        assertEquals(lenient.consumed(), whole.consumed(), "the policy never moves the end");
        int end = DataDecoderSmugglingTest.trueEnd(input);
        if (end < 0 || end > input.length) {
            assertEquals(input.length, whole.consumed());
            assertEquals(null, whole.outcome(), "no CRLF.CRLF, no end");
        } else {
            assertEquals(end, whole.consumed(), "ends at the first CRLF.CRLF");
        }
        byte[] prefix = Arrays.copyOf(lenient.sink(), Math.min(whole.sink().length, lenient.sink().length));
        assertArrayEquals(prefix, whole.sink(), "the sink holds a prefix of the content");
        if (policy.maxMessageSize() > 0) {
            assertTrue(whole.sink().length <= policy.maxMessageSize());
        }
    }

    @FuzzTest(maxDuration = "10s")
    @Tag("5321-4.5.2c")
    void stuffThenDecodeGivesTheNormalisedBody(byte[] body) {
        byte[] wire = DataDecoderProperties.stuff(body, 1 + (body.length % 7));
        DataRun r = DataRun.of(new DataPolicy(true, true, false, 0, 0), wire, 1 + (body.length % 13));
        assertEquals(wire.length, r.consumed(), "the decoder ends exactly where the encoder ended");
        assertTrue(r.accepted(), "the encoder never emits what the strict decoder refuses (NUL aside)");
        assertArrayEquals(DataDecoderProperties.normalise(body), r.sink());
    }
}
