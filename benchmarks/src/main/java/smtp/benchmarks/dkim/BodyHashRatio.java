package smtp.benchmarks.dkim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import smtp.auth.DkimAlgorithm;
import smtp.auth.DkimBodyHash;
import smtp.auth.DkimCanonicalization;

/**
 * The {@link BodyHashBenchmark} figures measured robustly on a loaded machine: raw SHA-256,
 * simple and relaxed run in interleaved rounds (the order rotates each round), each timed by
 * the thread's CPU time (not wall time, so time spent descheduled does not count). Per body
 * (text kind and size) it prints one line: the throughput of each of the three in MB/s
 * (10^6 octets per second of CPU time, from the median time per body), and the ratios raw time
 * / variant time, taken per round, as the median with the interquartile range. Same bodies,
 * same 16 KiB chunks as the JMH benchmark.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar smtp.benchmarks.dkim.BodyHashRatio [rounds] [ms per sample]
 * (both bodies of the benchmark: "dirty" and "clean" text; 4 KB, 100 KB and 1 MB each)
 * </pre>
 */
public final class BodyHashRatio {

    private BodyHashRatio() {
    }

    private static final int CHUNK = BodyHashBenchmark.CHUNK;
    private static volatile byte sinkhole;

    public static void main(String[] args) throws NoSuchAlgorithmException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 31;
        long sampleNanos = (args.length > 1 ? Long.parseLong(args[1]) : 20) * 1_000_000L;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        System.out.printf("MB/s = 10^6 octets per second of thread CPU time (median); ratio = raw time / variant time,"
                + " median [q1, q3] over %d rounds%n", rounds);
        System.out.printf("%-6s %9s %12s %12s %12s   %-20s %s%n",
                "text", "octets", "raw MB/s", "simple MB/s", "relaxed MB/s", "simple/raw", "relaxed/raw");
        for (String text : new String[] {"dirty", "clean"}) {
            for (int size : new int[] {4096, 102400, 1048576}) {
                measure(text, DkimMessages.body(size, text.equals("dirty")), sha256, mx, rounds, sampleNanos);
            }
        }
    }

    private static void measure(String text, byte[] body, MessageDigest sha256, ThreadMXBean mx, int rounds, long sampleNanos) {
        Runnable[] variants = {
            () -> raw(sha256, body),
            () -> canonical(DkimCanonicalization.SIMPLE, body),
            () -> canonical(DkimCanonicalization.RELAXED, body),
        };
        // Warm-up (JIT), and the repetition count that makes one sample about sampleNanos long.
        long t0 = System.nanoTime();
        int warm = 0;
        while (System.nanoTime() - t0 < 3_000_000_000L) {
            for (Runnable v : variants) {
                v.run();
            }
            warm++;
        }
        long perOp = Math.max(1, (System.nanoTime() - t0) / (3L * warm));
        int reps = (int) Math.max(1, sampleNanos / perOp);
        double[][] nanos = new double[variants.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < variants.length; k++) {
                int v = (k + r) % variants.length;
                long c0 = mx.getCurrentThreadCpuTime();
                for (int n = 0; n < reps; n++) {
                    variants[v].run();
                }
                nanos[v][r] = (double) (mx.getCurrentThreadCpuTime() - c0) / reps;
            }
        }
        double[] mbPerS = new double[variants.length];
        String[] ratios = new String[variants.length];
        for (int v = 0; v < variants.length; v++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = nanos[0][r] / nanos[v][r];
            }
            double[] t = nanos[v].clone();
            Arrays.sort(t);
            Arrays.sort(ratio);
            mbPerS[v] = body.length * 1e3 / t[rounds / 2]; // octets per ns x 10^3 = 10^6 octets per s
            ratios[v] = String.format("%.2f [%.2f, %.2f]", ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
        }
        System.out.printf("%-6s %9d %12.0f %12.0f %12.0f   %-20s %s%n", text, body.length,
                mbPerS[0], mbPerS[1], mbPerS[2], ratios[1], ratios[2]);
    }

    private static void raw(MessageDigest sha256, byte[] body) {
        for (int off = 0; off < body.length; off += CHUNK) {
            sha256.update(body, off, Math.min(CHUNK, body.length - off));
        }
        sinkhole ^= sha256.digest()[0];
    }

    private static void canonical(DkimCanonicalization c, byte[] body) {
        DkimBodyHash h = DkimBodyHash.of(c, DkimAlgorithm.RSA_SHA256, Long.MAX_VALUE);
        for (int off = 0; off < body.length; off += CHUNK) {
            h.update(body, off, Math.min(CHUNK, body.length - off));
        }
        sinkhole ^= h.digest()[0];
    }
}
