package smtp.benchmarks.dkim;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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
import smtp.auth.DkimResult;
import smtp.auth.DkimSigner;
import smtp.auth.DkimSignerOptions;
import smtp.auth.DkimSigningKey;
import smtp.auth.DkimVerifier;
import smtp.dns.InMemoryResolver;

/**
 * Full DKIM signing of one message, in operations per second: ours for rsa-sha256 (2048-bit)
 * and ed25519-sha256, and Apache James jDKIM 0.5 for rsa-sha256 (it has no Ed25519), each
 * signing the very same message with relaxed/relaxed and the same seven header fields. The
 * {@code signer} parameter selects the implementation, so that one run prints them side by side
 * in the same unit and jDKIM has no rows for what it cannot do:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'smtp.benchmarks.dkim.Dkim(Sign|Verify)Benchmark'
 * </pre>
 *
 * Setup checks that each signer's signature verifies (with our verifier), so neither side can
 * win by doing less.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimSignBenchmark {

    /** The fields both sign: those of {@link DkimMessages#HEADER} but Received. */
    static final List<String> SIGNED = List.of("from", "to", "subject", "date", "message-id", "mime-version", "content-type");

    /** implementation:algorithm. */
    @Param({"smtp-ref:rsa-sha256", "jdkim:rsa-sha256", "smtp-ref:ed25519-sha256"})
    public String signer;

    @Param({"4096", "102400"})
    public int size;

    byte[] message;
    Callable<Object> sign;

    @Setup
    public void setUp() throws Exception {
        String[] s = signer.split(":");
        DkimSigningKey key = DkimMessages.key(s[1]);
        message = DkimMessages.message(size);
        sign = switch (s[0]) {
            case "smtp-ref" -> {
                DkimSigner ours = new DkimSigner(List.of(key), DkimSignerOptions.defaults().withHeaders(SIGNED, Set.of()));
                yield () -> ours.sign(message);
            }
            case "jdkim" -> {
                DKIMSigner jdkim = new DKIMSigner("v=1; a=" + s[1] + "; c=relaxed/relaxed; d=" + key.domain() + "; s="
                        + key.selector() + "; h=" + String.join(":", SIGNED) + "; bh=; b=;", key.privateKey());
                yield () -> jdkim.sign(new ByteArrayInputStream(message));
            }
            default -> throw new IllegalArgumentException(signer);
        };
        byte[] signed = prepend(sign.call(), message);
        DkimVerifier check = new DkimVerifier(InMemoryResolver.builder().txt(key.keyName(), key.keyRecord()).build());
        if (!(check.verify(signed).get(0) instanceof DkimResult.Pass)) {
            throw new IllegalStateException(signer + " did not produce a valid signature:\n"
                    + new String(signed, 0, Math.min(signed.length, 2000), StandardCharsets.UTF_8));
        }
    }

    @Benchmark
    public Object sign() throws Exception {
        return sign.call();
    }

    /** The message with the signer's output (our header fields, or jDKIM's field text) on top. */
    static byte[] prepend(Object signature, byte[] message) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length + 1024);
        if (signature instanceof List<?> fields) {
            fields.forEach(f -> out.writeBytes(((smtp.wire.HeaderField) f).raw()));
        } else {
            String field = signature.toString();
            if (!field.regionMatches(true, 0, "DKIM-Signature:", 0, 15)) {
                field = "DKIM-Signature: " + field;
            }
            out.writeBytes((field.endsWith("\r\n") ? field : field + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(message);
        return out.toByteArray();
    }
}
