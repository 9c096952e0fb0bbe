package smtp.benchmarks.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import smtp.queue.Envelope;
import smtp.queue.Incoming;
import smtp.queue.MailQueue;
import smtp.queue.Origin;
import smtp.queue.QueueConfig;
import smtp.queue.QueueId;
import smtp.queue.Recipient;
import smtp.queue.SpoolConfig;
import smtp.wire.Domain;
import smtp.wire.HeaderField;
import smtp.wire.Mailbox;


/**
 * Messages per second accepted into the spool with every byte durable before the call
 * returns (file fsync, rename, directory fsync), at 1 and 20 concurrent writers, with and
 * without group commit. The baseline, in the same run, is the bare minimum any durable
 * per-message file spool pays: write 4 KiB, fsync, rename, fsync the directory, nothing else.
 *
 * <p>The spool directory is {@code -Dspool.bench.dir} (default: the temporary directory); put it
 * on the file system you want to measure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpoolCommitBenchmark {

    @Param({"true", "false"})
    public boolean groupCommit;

    Path dir;
    MailQueue queue;
    Envelope envelope;
    byte[] content;
    List<HeaderField> trace;

    @Setup
    public void setup() throws IOException {
        // One INFO line per accepted message would measure the console, not the spool.
        java.util.logging.Logger.getLogger("smtp.queue").setLevel(java.util.logging.Level.WARNING);
        dir = Files.createTempDirectory(Path.of(System.getProperty("spool.bench.dir", System.getProperty("java.io.tmpdir"))),
                "spool-bench");
        QueueConfig config = QueueConfig.of(dir.resolve("spool"), "bench.example")
                .withSpool(SpoolConfig.of(dir.resolve("spool")).withGroupCommit(groupCommit));
        queue = MailQueue.open(config, r -> {
            throw new IllegalStateException("the benchmark does not deliver");
        });
        envelope = new Envelope(smtp.wire.Path.of(new Mailbox("alice", new Domain("example.org"))),
                List.of(Recipient.of(new Mailbox("bob", new Domain("example.com")))), Optional.empty(), Optional.empty(),
                Optional.empty(), false);
        StringBuilder sb = new StringBuilder("From: alice@example.org\r\nTo: bob@example.com\r\nSubject: benchmark\r\n\r\n");
        while (sb.length() < 4096) {
            sb.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
        }
        content = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        trace = List.of(HeaderField.of("Received", "from client.example.org by bench.example with ESMTP; Sun, 1 Mar 2026 09:00:00 +0000"));
    }

    @TearDown
    public void tearDown() throws IOException {
        queue.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    QueueId accept() throws IOException {
        try (Incoming in = queue.receive(envelope, Origin.LOCAL)) {
            in.content().write(content);
            return in.commit(trace);
        }
    }

    @Benchmark
    @Threads(1)
    public QueueId spool1Writer() throws IOException {
        return accept();
    }

    @Benchmark
    @Threads(20)
    public QueueId spool20Writers() throws IOException {
        return accept();
    }
}
