package smtp.benchmarks.dkim;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMVerifier;
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
 * header hash, signature check), in operations per second: ours for rsa-sha256 (2048-bit) and
 * ed25519-sha256, and Apache James jDKIM 0.5 on the very same rsa-sha256 messages (it has no
 * Ed25519). Both get the key record from memory. The {@code verifier} parameter selects the
 * implementation, so that one run prints them side by side in the same unit (see
 * {@link DkimSignBenchmark} for the command). Setup checks that both really pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimVerifyBenchmark {

    /** implementation:algorithm. */
    @Param({"smtp-ref:rsa-sha256", "jdkim:rsa-sha256", "smtp-ref:ed25519-sha256"})
    public String verifier;

    @Param({"4096", "102400"})
    public int size;

    byte[] message;
    Callable<List<?>> verify;

    @Setup
    public void setUp() throws Exception {
        String[] s = verifier.split(":");
        DkimSigningKey key = DkimMessages.key(s[1]);
        message = DkimMessages.signed(key, DkimMessages.message(size));
        verify = switch (s[0]) {
            case "smtp-ref" -> {
                DkimVerifier ours = new DkimVerifier(InMemoryResolver.builder().txt(key.keyName(), key.keyRecord()).build());
                if (!(ours.verify(message).get(0) instanceof DkimResult.Pass)) {
                    throw new IllegalStateException("our verifier does not pass the benchmark message");
                }
                yield () -> ours.verify(message);
            }
            case "jdkim" -> {
                String record = key.keyRecord();
                DKIMVerifier jdkim = new DKIMVerifier((method, selector, domain) -> List.of(record));
                if (jdkim.verify(new ByteArrayInputStream(message)).size() != 1) {
                    throw new IllegalStateException("jDKIM does not pass the benchmark message");
                }
                yield () -> jdkim.verify(new ByteArrayInputStream(message));
            }
            default -> throw new IllegalArgumentException(verifier);
        };
    }

    @Benchmark
    public List<?> verify() throws Exception {
        return verify.call();
    }
}
