package smtp.benchmarks.dkim;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import smtp.auth.DkimResult;
import smtp.auth.DkimSigningKey;
import smtp.auth.DkimVerifier;
import smtp.dns.InMemoryResolver;

/**
 * Full DKIM verification of one signed message (parse, body hash, key lookup in memory,
 * header hash, signature check), ours for rsa-sha256 (2048-bit) and ed25519-sha256, and Apache
 * James jDKIM 0.5 on the very same rsa-sha256 messages (jDKIM has no Ed25519). Both get the
 * key record from memory. Setup checks that both really pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimVerifyBenchmark {

    @Param({"rsa-sha256", "ed25519-sha256"})
    public String algorithm;

    @Param({"4096", "102400"})
    public int size;

    byte[] message;
    DkimVerifier ours;
    DKIMVerifier jdkim;

    @Setup
    public void setUp() throws Exception {
        DkimSigningKey key = DkimMessages.key(algorithm);
        message = DkimMessages.signed(key, DkimMessages.message(size));
        ours = new DkimVerifier(InMemoryResolver.builder().txt(key.keyName(), key.keyRecord()).build());
        if (!(ours.verify(message).get(0) instanceof DkimResult.Pass)) {
            throw new IllegalStateException("our verifier does not pass the benchmark message");
        }
        String record = key.keyRecord();
        jdkim = new DKIMVerifier((method, selector, domain) -> List.of(record));
        if (algorithm.equals("rsa-sha256") && jdkim.verify(new ByteArrayInputStream(message)).size() != 1) {
            throw new IllegalStateException("jDKIM does not pass the benchmark message");
        }
    }

    @Benchmark
    public List<DkimResult> ours() {
        return ours.verify(message);
    }

    @Benchmark
    public List<SignatureRecord> jdkim() throws Exception {
        if (!algorithm.equals("rsa-sha256")) {
            return List.of(); // jDKIM 0.5 implements rsa-sha1 and rsa-sha256 only
        }
        return jdkim.verify(new ByteArrayInputStream(message));
    }
}
