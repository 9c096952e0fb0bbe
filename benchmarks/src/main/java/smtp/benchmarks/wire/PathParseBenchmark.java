package smtp.benchmarks.wire;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smtp.wire.ForwardPath;
import smtp.wire.ParseResult;
import smtp.wire.ReversePath;

/**
 * Path parsing (RFC 5321 §4.1.2, §4.1.3): a plain dot-string path, a quoted local part with an
 * IPv6 literal, and an RFC 6531 UTF-8 path with a U-label (IDNA check). Baseline in the same
 * run: a permissive regex "local@domain" check, as often used instead of the grammar.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PathParseBenchmark {

    private static final Pattern SIMPLE = Pattern.compile("^<[^@<>\\s]+@[A-Za-z0-9.-]+>$");

    final String plain = "<jane.doe+lists@mail.example.org>";
    final String quotedV6 = "<\"jane doe\"@[IPv6:2001:db8::25]>";
    final String utf8 = "<jöran@bücher.example>";

    @Benchmark
    public ParseResult<ReversePath> plain() {
        return ReversePath.parse(plain);
    }

    @Benchmark
    public ParseResult<ForwardPath> quotedIpv6() {
        return ForwardPath.parse(quotedV6);
    }

    @Benchmark
    public ParseResult<ForwardPath> utf8ULabel() {
        return ForwardPath.parse(utf8);
    }

    /** Baseline: a permissive regex match of the plain path. */
    @Benchmark
    public boolean plainRegex() {
        return SIMPLE.matcher(plain).matches();
    }
}
