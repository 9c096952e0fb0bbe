package smtp.benchmarks.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The floor of a durable per-message file spool, next to {@link SpoolCommitBenchmark}: create a
 * file, write 4 KiB, fsync it, rename it into place, fsync the directory. No envelope, no
 * checksum, no coordination between writers (the kernel still merges concurrent journal
 * commits).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawFsyncBaseline {

    Path dir;
    byte[] content;
    final AtomicLong counter = new AtomicLong();

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("spool.bench.dir", System.getProperty("java.io.tmpdir"))),
                "raw-bench");
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("queue"));
        content = new byte[4096];
        Arrays.fill(content, (byte) 'x');
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    Path write() throws IOException {
        String name = "m" + counter.incrementAndGet();
        Path tmp = dir.resolve("tmp").resolve(name);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
        Path target = dir.resolve("queue").resolve(name);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(dir.resolve("queue"), StandardOpenOption.READ)) {
            d.force(true);
        }
        return target;
    }

    @Benchmark
    @Threads(1)
    public Path raw1Writer() throws IOException {
        return write();
    }

    @Benchmark
    @Threads(20)
    public Path raw20Writers() throws IOException {
        return write();
    }
}
