package smtp.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Test helper: runs a {@link DataDecoder} over some octets, fed in chunks of a given size or
 * split at given points, and records what it wrote, consumed and concluded.
 *
 * @param sink     what the decoder wrote
 * @param consumed how many input octets it consumed
 * @param outcome  its outcome, or null if it had not seen the end of data
 */
record DataRun(byte[] sink, int consumed, DataOutcome outcome) {

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static DataRun of(DataPolicy policy, String input) {
        return of(policy, ascii(input), Integer.MAX_VALUE);
    }

    /** Feeds {@code input} in chunks of {@code chunk} octets until done or exhausted. */
    static DataRun of(DataPolicy policy, byte[] input, int chunk) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataDecoder d = new DataDecoder(policy, sink);
        int pos = 0;
        try {
            while (pos < input.length && !d.isDone()) {
                int n = Math.min(chunk, input.length - pos);
                int used = d.feed(input, pos, n);
                if (used < n && !d.isDone()) {
                    throw new AssertionError("consumed less than offered without being done");
                }
                pos += used;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DataRun(sink.toByteArray(), pos, d.isDone() ? d.outcome() : null);
    }

    /** Feeds {@code input} split at the given ascending indexes (each part a separate feed, copied to its own array). */
    static DataRun split(DataPolicy policy, byte[] input, int... cuts) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataDecoder d = new DataDecoder(policy, sink);
        int consumed = 0;
        int from = 0;
        try {
            for (int k = 0; k <= cuts.length && !d.isDone(); k++) {
                int to = k < cuts.length ? cuts[k] : input.length;
                byte[] part = Arrays.copyOfRange(input, from, to);
                consumed += d.feed(part, 0, part.length);
                from = to;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DataRun(sink.toByteArray(), consumed, d.isDone() ? d.outcome() : null);
    }

    String sinkText() {
        return new String(sink, StandardCharsets.ISO_8859_1);
    }

    boolean accepted() {
        return outcome instanceof DataOutcome.Accepted;
    }

    Reply rejection() {
        return ((DataOutcome.Rejected) outcome).reply();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRun r && Arrays.equals(sink, r.sink) && consumed == r.consumed
                && java.util.Objects.equals(outcome, r.outcome);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sink) * 31 + consumed;
    }

    @Override
    public String toString() {
        return "DataRun[sink=" + sinkText().replace("\r", "\\r").replace("\n", "\\n") + ", consumed=" + consumed + ", outcome=" + outcome + "]";
    }
}
