package smtp.benchmarks.wire;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
import smtp.wire.Command;
import smtp.wire.ParseResult;

/**
 * Command-line parsing (RFC 5321 §4.1.1): a MAIL FROM with parameters, a RCPT TO and an EHLO,
 * from the octets a framer hands over to a typed {@link Command}. Two baselines in the same run:
 * {@code decodeOnly} (just turning the octets into a String, the floor of any parser) and
 * {@code mailFromRegex} (the regex-and-split approach of many small servers, which validates far
 * less: no grammar for the local part, domain or parameters, no limits).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CommandParseBenchmark {

    private static final Pattern MAIL = Pattern.compile("(?i)^MAIL FROM:\\s*<([^>]*)>((?: \\S+)*)$");

    final byte[] mail = "MAIL FROM:<jane.doe+lists@mail.example.org> SIZE=48213 BODY=8BITMIME RET=HDRS ENVID=QQ314159"
            .getBytes(StandardCharsets.US_ASCII);
    final byte[] rcpt = "RCPT TO:<bob@example.net> NOTIFY=FAILURE,DELAY ORCPT=rfc822;bob@example.net"
            .getBytes(StandardCharsets.US_ASCII);
    final byte[] ehlo = "EHLO mail-relay-07.outbound.example.com".getBytes(StandardCharsets.US_ASCII);

    @Benchmark
    public ParseResult<Command> mailFrom() {
        return Command.parse(mail);
    }

    @Benchmark
    public ParseResult<Command> rcptTo() {
        return Command.parse(rcpt);
    }

    @Benchmark
    public ParseResult<Command> ehlo() {
        return Command.parse(ehlo);
    }

    /** Baseline: the octets to a String, nothing more. */
    @Benchmark
    public String decodeOnly() {
        return new String(mail, StandardCharsets.UTF_8);
    }

    /** Baseline: a regex for the path and a split of the parameters. */
    @Benchmark
    public Object mailFromRegex() {
        Matcher m = MAIL.matcher(new String(mail, StandardCharsets.UTF_8));
        if (!m.matches()) {
            return null;
        }
        String params = m.group(2);
        return new Object[] {m.group(1), params.isEmpty() ? new String[0] : params.substring(1).split(" ")};
    }
}
