package smtp.benchmarks.wire;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smtp.wire.ParseResult;
import smtp.wire.Reply;

/**
 * Reply parsing (RFC 5321 §4.2, RFC 2034 §3): a ten-line EHLO reply as a client receives it, and
 * a three-line 550 with enhanced status codes. Baseline in the same run: splitting the same text
 * into lines and cutting off the four-character prefixes, with no validation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ReplyParseBenchmark {

    final String ehlo = "250-mx.example.org Hello client.example.net [192.0.2.25]\r\n"
            + "250-SIZE 52428800\r\n250-8BITMIME\r\n250-PIPELINING\r\n250-CHUNKING\r\n250-DSN\r\n"
            + "250-ENHANCEDSTATUSCODES\r\n250-AUTH PLAIN LOGIN\r\n250-SMTPUTF8\r\n250 STARTTLS\r\n";
    final String rejection = "550-5.7.1 [192.0.2.25] The message was rejected because it\r\n"
            + "550-5.7.1 failed the sending domain's authentication policy.\r\n"
            + "550 5.7.1 See https://example.org/policy for details.\r\n";

    @Benchmark
    public ParseResult<Reply> ehloReply() {
        return Reply.parse(ehlo);
    }

    @Benchmark
    public ParseResult<Reply> rejectionWithStatus() {
        return Reply.parse(rejection);
    }

    /** Baseline: split into lines and strip the code prefix, no checks. */
    @Benchmark
    public String[] ehloSplitOnly() {
        String[] lines = ehlo.split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].substring(4);
        }
        return lines;
    }
}
