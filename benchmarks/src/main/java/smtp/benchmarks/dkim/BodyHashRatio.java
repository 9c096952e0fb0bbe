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
 * The {@link BodyHashBenchmark} ratios measured robustly on a loaded machine: raw SHA-256,
 * simple and relaxed run in interleaved rounds (the order rotates each round), each timed by
 * the thread's CPU time (not wall time, so time spent descheduled does not count), and the
 * ratio raw time / variant time is taken per round; the median over the rounds is reported
 * with the interquartile range. Same bodies, same 16 KiB chunks as the JMH benchmark.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar smtp.benchmarks.dkim.BodyHashRatio [rounds] [ms per sample]
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
        System.out.printf("%-9s %-8s %12s %12s %12s  (median [q1, q3] over %d rounds, thread CPU time)%n",
                "size", "variant", "MB/s", "vs raw", "", rounds);
        for (int size : new int[] {4096, 102400, 1048576}) {
            byte[] body = DkimMessages.body(size);
            Runnable[] variants = {
                () -> raw(sha256, body),
                () -> canonical(DkimCanonicalization.SIMPLE, body),
                () -> canonical(DkimCanonicalization.RELAXED, body),
            };
            String[] names = {"raw", "simple", "relaxed"};
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
            for (int v = 0; v < variants.length; v++) {
                double[] ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratio[r] = nanos[0][r] / nanos[v][r];
                }
                double[] t = nanos[v].clone();
                Arrays.sort(t);
                Arrays.sort(ratio);
                System.out.printf("%-9d %-8s %12.0f %12.2f   [%.2f, %.2f]%n", body.length, names[v],
                        body.length * 1e3 / t[rounds / 2], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
            }
        }
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
