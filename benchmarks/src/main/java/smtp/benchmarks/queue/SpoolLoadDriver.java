package smtp.benchmarks.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import smtp.queue.Envelope;
import smtp.queue.Incoming;
import smtp.queue.MailQueue;
import smtp.queue.Origin;
import smtp.queue.QueueConfig;
import smtp.queue.Recipient;
import smtp.queue.SpoolConfig;
import smtp.wire.Domain;
import smtp.wire.HeaderField;
import smtp.wire.Mailbox;

/**
 * A load driver for the spool that resists a noisy, shared disk better than back-to-back JMH
 * runs: every configuration (raw durable write, spool with group commit, spool without; 1 and
 * 20 writers) runs for a few seconds in each round, in a shuffled order, and the median over
 * the rounds is reported with the spread. Every message is durable (fsync'd file, rename,
 * fsync'd directory) before its writer counts it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar smtp.benchmarks.queue.SpoolLoadDriver [rounds] [seconds] [dir]
 * </pre>
 */
public final class SpoolLoadDriver {

    interface Writer {
        void accept() throws IOException;
    }

    private SpoolLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path base = Files.createTempDirectory(Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir")), "spool-load");
        java.util.logging.Logger.getLogger("smtp.queue").setLevel(java.util.logging.Level.WARNING);
        byte[] content = content();
        Map<String, Writer> configs = new LinkedHashMap<>();
        List<MailQueue> queues = new ArrayList<>();
        for (boolean group : new boolean[] {true, false}) {
            MailQueue q = MailQueue.open(QueueConfig.of(base.resolve("spool-" + group), "bench.example")
                    .withSpool(SpoolConfig.of(base.resolve("spool-" + group)).withGroupCommit(group)), r -> {
                        throw new IllegalStateException("no delivery");
                    });
            queues.add(q);
            Writer w = spoolWriter(q, content);
            configs.put("spool, group commit " + (group ? "on " : "off") + ", 1 writer ", w);
            configs.put("spool, group commit " + (group ? "on " : "off") + ", 20 writers", w);
        }
        Writer raw = rawWriter(base.resolve("raw"), content);
        configs.put("raw fsync baseline, 1 writer ", raw);
        configs.put("raw fsync baseline, 20 writers", raw);
        Map<String, List<Double>> results = new LinkedHashMap<>();
        configs.keySet().forEach(k -> results.put(k, new ArrayList<>()));
        List<String> order = new ArrayList<>(configs.keySet());
        for (int round = 1; round <= rounds; round++) {
            Collections.shuffle(order);
            for (String name : order) {
                int threads = name.endsWith("20 writers") ? 20 : 1;
                results.get(name).add(run(configs.get(name), threads, seconds));
            }
            System.out.printf("round %d of %d done%n", round, rounds);
        }
        System.out.printf("%-40s %10s %10s %10s%n", "configuration (4 KiB messages)", "median/s", "min/s", "max/s");
        results.forEach((name, r) -> {
            List<Double> s = r.stream().sorted().toList();
            System.out.printf("%-40s %10.0f %10.0f %10.0f%n", name, s.get(s.size() / 2), s.get(0), s.get(s.size() - 1));
        });
        for (MailQueue q : queues) {
            q.close();
        }
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static double run(Writer w, int threads, int seconds) throws InterruptedException {
        AtomicLong ops = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> list = new ArrayList<>();
        long end = System.nanoTime() + 200_000_000L + seconds * 1_000_000_000L;
        for (int i = 0; i < threads; i++) {
            list.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < end) {
                        w.accept();
                        ops.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        window[0] = System.nanoTime();
        start.countDown();
        for (Thread t : list) {
            t.join();
        }
        window[1] = System.nanoTime();
        return ops.get() / ((window[1] - window[0]) / 1e9);
    }

    static byte[] content() {
        StringBuilder sb = new StringBuilder("From: alice@example.org\r\nTo: bob@example.com\r\nSubject: load\r\n\r\n");
        while (sb.length() < 4096) {
            sb.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static Writer spoolWriter(MailQueue q, byte[] content) {
        Envelope env = new Envelope(smtp.wire.Path.of(new Mailbox("alice", new Domain("example.org"))),
                List.of(Recipient.of(new Mailbox("bob", new Domain("example.com")))), Optional.empty(), Optional.empty(),
                Optional.empty(), false);
        List<HeaderField> trace = List.of(HeaderField.of("Received", "from client.example.org by bench.example with ESMTP"));
        return () -> {
            try (Incoming in = q.receive(env, Origin.LOCAL)) {
                in.content().write(content);
                in.commit(trace);
            }
        };
    }

    static Writer rawWriter(Path dir, byte[] content) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("queue"));
        AtomicLong counter = new AtomicLong();
        return () -> {
            String name = "m" + counter.incrementAndGet();
            Path tmp = dir.resolve("tmp").resolve(name);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(content));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve("queue").resolve(name), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir.resolve("queue"), StandardOpenOption.READ)) {
                d.force(true);
            }
        };
    }
}
