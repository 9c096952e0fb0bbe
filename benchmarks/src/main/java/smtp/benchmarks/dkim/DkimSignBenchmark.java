package smtp.benchmarks.dkim;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import smtp.auth.DkimSigner;
import smtp.auth.DkimSignerOptions;
import smtp.auth.DkimSigningKey;
import smtp.wire.HeaderField;

/**
 * Full DKIM signing of one message (relaxed/relaxed, the same header fields), ours for
 * rsa-sha256 (2048-bit) and ed25519-sha256, and Apache James jDKIM 0.5 for rsa-sha256.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimSignBenchmark {

    @Param({"rsa-sha256", "ed25519-sha256"})
    public String algorithm;

    @Param({"4096", "102400"})
    public int size;

    byte[] message;
    DkimSigner ours;
    DKIMSigner jdkim;

    @Setup
    public void setUp() {
        DkimSigningKey key = DkimMessages.key(algorithm);
        message = DkimMessages.message(size);
        ours = new DkimSigner(List.of(key), DkimSignerOptions.defaults());
        jdkim = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=football.example.com; s=rsa; "
                + "h=from:to:subject:date:message-id:mime-version:content-type; bh=; b=;", key.privateKey());
    }

    @Benchmark
    public List<HeaderField> ours() {
        return ours.sign(message);
    }

    @Benchmark
    public String jdkim() throws Exception {
        if (!algorithm.equals("rsa-sha256")) {
            return ""; // jDKIM 0.5 implements rsa-sha1 and rsa-sha256 only
        }
        return jdkim.sign(new ByteArrayInputStream(message));
    }
}
