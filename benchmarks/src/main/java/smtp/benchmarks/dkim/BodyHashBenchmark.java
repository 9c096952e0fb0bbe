package smtp.benchmarks.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import smtp.auth.DkimAlgorithm;
import smtp.auth.DkimBodyHash;
import smtp.auth.DkimCanonicalization;

/**
 * DKIM body canonicalization plus SHA-256 (RFC 6376 §3.4.3/§3.4.4, §3.7 step 1) against the
 * JDK's raw SHA-256 of the same octets, fed in the same 16 KiB chunks a server would write.
 * Throughput in operations (whole bodies) per second; MB/s = ops/s x size / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BodyHashBenchmark {

    @Param({"4096", "102400", "1048576"})
    public int size;

    /** "dirty": one word separator in 20 a tab or two spaces, one line in 10 with a trailing space; "clean": none. */
    @Param({"dirty", "clean"})
    public String text;

    static final int CHUNK = 16 * 1024;
    byte[] body;
    MessageDigest sha256;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        body = DkimMessages.body(size, text.equals("dirty"));
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    @Benchmark
    public byte[] rawSha256() {
        for (int off = 0; off < body.length; off += CHUNK) {
            sha256.update(body, off, Math.min(CHUNK, body.length - off));
        }
        return sha256.digest();
    }

    @Benchmark
    public byte[] simple() {
        return hash(DkimCanonicalization.SIMPLE);
    }

    @Benchmark
    public byte[] relaxed() {
        return hash(DkimCanonicalization.RELAXED);
    }

    private byte[] hash(DkimCanonicalization c) {
        DkimBodyHash h = DkimBodyHash.of(c, DkimAlgorithm.RSA_SHA256, Long.MAX_VALUE);
        for (int off = 0; off < body.length; off += CHUNK) {
            h.update(body, off, Math.min(CHUNK, body.length - off));
        }
        return h.digest();
    }
}
