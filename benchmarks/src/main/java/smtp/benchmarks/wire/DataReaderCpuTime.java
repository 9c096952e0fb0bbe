package smtp.benchmarks.wire;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@link DataReaderBenchmark}'s rows measured in thread CPU time instead of wall-clock time,
 * for a loaded machine: the same benchmark methods on the same input, interleaved round by
 * round, and for each the best round (least CPU time for a fixed amount of work). Time the
 * thread spends descheduled is not counted, so the ratios survive a load average well above
 * the core count, which JMH's wall-clock scores do not. Not a JMH benchmark: no forks, and
 * the figures are CPU-seconds, not elapsed seconds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar smtp.benchmarks.wire.DataReaderCpuTime [rounds]
 * </pre>
 */
public final class DataReaderCpuTime {

    private interface Row {
        long run(DataReaderBenchmark b, DataReaderBenchmark.Octets o) throws IOException;
    }

    private static final String[] NAMES = {"copyReadLoop", "decode", "decodeNoRead", "encode"};
    private static final Row[] ROWS = {
        DataReaderBenchmark::copyReadLoop, DataReaderBenchmark::decode,
        DataReaderBenchmark::decodeNoRead, DataReaderBenchmark::encode,
    };

    private DataReaderCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long blackhole = 0;
        for (int size : new int[] {102400, 1048576}) {
            DataReaderBenchmark b = new DataReaderBenchmark();
            b.size = size;
            b.setUp();
            DataReaderBenchmark.Octets octets = new DataReaderBenchmark.Octets();
            int reps = Math.max(1, (16 << 20) / size); // about 16 MB of input per row and round
            long[] best = new long[ROWS.length];
            long[] work = new long[ROWS.length];
            Arrays.fill(best, Long.MAX_VALUE);
            for (int round = 0; round < rounds; round++) {
                for (int r = 0; r < ROWS.length; r++) {
                    octets.reset();
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int k = 0; k < reps; k++) {
                        blackhole += ROWS[r].run(b, octets);
                    }
                    long t = mx.getCurrentThreadCpuTime() - t0;
                    best[r] = Math.min(best[r], t);
                    work[r] = octets.bytes;
                }
            }
            System.out.printf("size %d (best of %d rounds, MB per CPU-second)%n", size, rounds);
            for (int r = 0; r < ROWS.length; r++) {
                System.out.printf("  %-13s %8.0f MB/s  %5.1f %% of copyReadLoop%n", NAMES[r],
                        work[r] * 1e3 / best[r], 100.0 * best[0] * work[r] / (best[r] * (double) work[0]));
            }
        }
        if (blackhole == 42) {
            System.out.println();
        }
    }
}
