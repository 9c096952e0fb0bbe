package smtp.benchmarks.wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import smtp.wire.DataDecoder;
import smtp.wire.DataOutcome;
import smtp.wire.DataPolicy;
import smtp.wire.DotStuffingOutputStream;

/**
 * DATA-section throughput: {@link DataDecoder} (dot-unstuffing, CRLF.CRLF search, the strict
 * policy's bare CR/LF/NUL and line-length checks) against a plain buffered copy of the same
 * octets, in the same run. Both read the wire form through a {@link BufferedInputStream} in
 * 8 KB chunks, as a session reading a socket does, and write into the same counting sink;
 * the only difference is the decoder between the read and the write. The {@code bytes}
 * counter is the wire octets processed: divide its ops/s by 10^6 for MB/s.
 *
 * <p>{@link #decodeNoRead} feeds the decoder straight from the array (no read, no copy), and
 * {@link #encode} measures the client's dot-stuffing encoder into the same sink.
 *
 * <p>Two more reference points: {@link #copyTransferTo}, the {@code transferTo} idiom
 * (ByteArrayInputStream copies through a temporary buffer of up to 128 KB, allocated per call,
 * for a sink it does not trust), and {@link #copyBytewise}, one {@code read()} and one
 * {@code write(int)} per octet, the way many Java DATA readers work.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'wire.DataReaderBenchmark' -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DataReaderBenchmark {

    /** The message size before dot-stuffing, in octets. */
    @Param({"102400", "1048576"})
    public int size;

    private byte[] message;
    private byte[] wire;
    private final byte[] buffer = new byte[8192];
    private final CountingSink sink = new CountingSink();

    /** Reports the wire octets processed per second as an extra JMH result ("bytes"). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Octets {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** A sink that only counts, so that neither path pays for a copy the other does not. */
    static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    @Setup
    public void setUp() throws IOException {
        message = message(size);
        wire = wireForm(message);
    }

    /** A realistic message: a 15-field header, then text and base64 lines, 1 in 40 starting with ".". */
    static byte[] message(int size) {
        StringBuilder sb = new StringBuilder(size + 200);
        sb.append(HeaderParseBenchmark.HEADER);
        Random random = new Random(42);
        String words = "the quick brown fox jumps over the lazy dog and then some more words appear here, "
                + "and a second sentence makes the text line lengths vary from forty to seventy octets";
        String b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int line = 0;
        while (sb.length() < size) {
            if (line % 40 == 7) {
                sb.append(". a line that starts with a dot, stuffed on the wire");
            } else if ((line / 200) % 2 == 1) {
                for (int i = 0; i < 76; i++) {
                    sb.append(b64.charAt(random.nextInt(64)));
                }
            } else {
                int from = random.nextInt(20);
                sb.append(words, from, from + 40 + random.nextInt(30));
            }
            sb.append("\r\n");
            line++;
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] wireForm(byte[] message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 40 + 8);
        try (DotStuffingOutputStream s = new DotStuffingOutputStream(out)) {
            s.write(message);
        }
        return out.toByteArray();
    }

    /** The DATA reader: read 8 KB, feed, until the end of data. */
    @Benchmark
    public long decode(Octets octets) throws IOException {
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(wire));
        DataDecoder decoder = new DataDecoder(DataPolicy.STRICT, sink);
        int n;
        while (!decoder.isDone() && (n = in.read(buffer, 0, buffer.length)) > 0) {
            decoder.feed(buffer, 0, n);
        }
        octets.bytes += wire.length;
        return ((DataOutcome.Accepted) decoder.outcome()).size() + sink.count;
    }

    /**
     * The decoder alone: the same 8 KB slices fed straight from the wire array, without the
     * read (and its copy), to separate the decoding cost from the read loop's.
     */
    @Benchmark
    public long decodeNoRead(Octets octets) throws IOException {
        DataDecoder decoder = new DataDecoder(DataPolicy.STRICT, sink);
        for (int off = 0; off < wire.length && !decoder.isDone(); off += 8192) {
            decoder.feed(wire, off, Math.min(8192, wire.length - off));
        }
        octets.bytes += wire.length;
        return ((DataOutcome.Accepted) decoder.outcome()).size() + sink.count;
    }

    /**
     * The client's side: dot-stuffing the message (writes of 8 KB) into the same sink, plus
     * the end-of-data indicator; {@code bytes} counts message octets.
     */
    @Benchmark
    public long encode(Octets octets) throws IOException {
        DotStuffingOutputStream out = new DotStuffingOutputStream(sink);
        for (int off = 0; off < message.length; off += 8192) {
            out.write(message, off, Math.min(8192, message.length - off));
        }
        out.close();
        octets.bytes += message.length;
        return sink.count;
    }

    /** The baseline: the same reads and the same sink, no decoding. */
    @Benchmark
    public long copyReadLoop(Octets octets) throws IOException {
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(wire));
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) > 0) {
            sink.write(buffer, 0, n);
        }
        octets.bytes += wire.length;
        return sink.count;
    }

    /** BufferedInputStream.transferTo into the same sink. */
    @Benchmark
    public long copyTransferTo(Octets octets) throws IOException {
        long n = new BufferedInputStream(new ByteArrayInputStream(wire)).transferTo(sink);
        octets.bytes += wire.length;
        return n;
    }

    /** One octet at a time through BufferedInputStream.read() into the same sink. */
    @Benchmark
    public long copyBytewise(Octets octets) throws IOException {
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(wire));
        int b;
        while ((b = in.read()) >= 0) {
            sink.write(b);
        }
        octets.bytes += wire.length;
        return sink.count;
    }
}
