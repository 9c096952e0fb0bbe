package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.queue.QueueAdmin;
import smtp.queue.QueueEntry;


/**
 * The crash test of issue 6: a receiving JVM ({@link CrashReceiver}) is killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) at random moments while 8 clients send it N
 * messages over SMTP, and restarted each time; a client re-sends a message until it gets 250.
 * Then every acknowledged message must be in the spool. Next the same happens while the queue
 * delivers to a sink, until the queue is empty: every acknowledged message must reach the sink
 * (duplicates are counted and reported; losses must be zero).
 *
 * <p>Delivery across a crash is at-least-once (a duplicate rather than a loss; RFC 1047,
 * "Duplicate messages and SMTP", describes the same gap between the final dot and the 250): a
 * kill after the sink took a message and before the queue recorded it makes the message go
 * again. This test's sink is deliberately naive and
 * counts such repeats; the server's Maildir transport finds the repeat by its queue id and does
 * not deliver it twice. The one-line summary starts with {@code CRASH TEST SUMMARY}
 * (benchmarks/README.md, "Crash test", records a run).
 */
class CrashTest {

    static final int MESSAGES = 120;
    static final int CLIENTS = 8;
    static final Pattern ATTEMPT = Pattern.compile("X-Attempt: (\\S+)\r\n");

    @TempDir
    Path dir;

    final Random random = new Random();
    int port;
    Process child;
    int starts;

    @Test
    @Tag("5321-6.1a")
    @Tag("5321-6.1b")
    void everyAcknowledgedMessageSurvivesKill9AndIsDeliveredOnce_rfc5321_6_1() throws Exception {
        Path spool = dir.resolve("spool");
        Path sink = dir.resolve("sink.txt");
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // Phase 1: receive under fire.
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger resends = new AtomicInteger();
        start(spool, sink, "receive");
        int kills = 0;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int n = client; n < MESSAGES; n += CLIENTS) {
                        for (int attempt = 1; ; attempt++) {
                            String id = n + "." + attempt;
                            byte[] content = ("Subject: message " + n + "\r\nX-Attempt: " + id + "\r\n\r\nbody of " + n + "\r\n")
                                    .getBytes(StandardCharsets.US_ASCII);
                            var r = SmtpSender.send(port, Fixtures.envelope("alice@example.org", Fixtures.rcpt("x@y.z")).reversePath(),
                                    List.of(of(Fixtures.mailbox("bob", "example.com"))), content, Duration.ofSeconds(20));
                            if (SmtpSender.accepted(r)) {
                                acked.add(id);
                                break;
                            }
                            resends.incrementAndGet();
                            Thread.sleep(30);
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            // Kill after every eighth of the load (so the test kills as often on a fast machine as
            // on a slow one), a random moment later, while the other clients are mid-transaction.
            for (int threshold = MESSAGES / 8; threshold < MESSAGES; threshold += MESSAGES / 8) {
                while (done.get() < threshold) {
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(60));
                kill();
                kills++;
                start(spool, sink, "receive");
            }
            for (Future<?> f : clients) {
                f.get(5, TimeUnit.MINUTES);
            }
        }
        kill();
        assertEquals(MESSAGES, acked.size());
        assertTrue(kills >= 3, "the receiver was killed only " + kills + " times");
        Map<String, Integer> inSpool = new HashMap<>();
        for (QueueEntry e : QueueAdmin.of(spool).list()) {
            inSpool.merge(attempt(QueueAdmin.of(spool).content(e.id()).orElseThrow()), 1, Integer::sum);
        }
        Set<String> missing = new TreeSet<>(acked);
        missing.removeAll(inSpool.keySet());
        assertEquals(Set.of(), missing, "acknowledged messages missing from the spool after kill -9");
        int unackedButKept = inSpool.size() - acked.size();

        // Phase 2: deliver under fire, until the queue is empty.
        int deliveryKills = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!QueueAdmin.of(spool).list().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the queue did not drain");
            start(spool, sink, "deliver");
            Thread.sleep(100 + random.nextInt(400));
            kill();
            deliveryKills++;
            if (deliveryKills > 8) {
                start(spool, sink, "deliver"); // let it finish in peace
                while (!QueueAdmin.of(spool).list().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                kill();
            }
        }
        Map<String, Integer> delivered = new HashMap<>();
        for (String line : Files.readAllLines(sink)) {
            delivered.merge(line, 1, Integer::sum);
        }
        Set<String> lost = new TreeSet<>(acked);
        lost.removeAll(delivered.keySet());
        long duplicates = delivered.values().stream().filter(v -> v > 1).count();
        long ackedDelivered = acked.stream().filter(delivered::containsKey).count();
        // One line, easy to find in the Surefire output: grep 'CRASH TEST SUMMARY'.
        System.out.printf("CRASH TEST SUMMARY: %d acknowledged, %d delivered, %d lost, %d duplicated "
                        + "(at-least-once: delivered again after a kill between the delivery and its state record); "
                        + "%d unacknowledged copies kept and delivered (the client re-sent them); "
                        + "%d receiver kills, %d delivery kills, %d re-sends after failed attempts%n",
                acked.size(), ackedDelivered, lost.size(), duplicates, unackedButKept, kills, deliveryKills, resends.get());
        assertEquals(Set.of(), lost, "acknowledged messages never delivered");
        assertTrue(delivered.keySet().containsAll(acked));
    }

    private static smtp.wire.Path of(smtp.wire.Mailbox m) {
        return smtp.wire.Path.of(m);
    }

    private static String attempt(byte[] content) {
        Matcher m = ATTEMPT.matcher(new String(content, StandardCharsets.US_ASCII));
        return m.find() ? m.group(1) : "unknown";
    }

    private void start(Path spool, Path sink, String mode) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), CrashReceiver.class.getName(), spool.toString(), sink.toString(),
                mode, String.valueOf(port));
        pb.redirectError(dir.resolve("receiver-" + (++starts) + ".log").toFile());
        for (int tries = 0; ; tries++) {
            child = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            String line = out.readLine();
            if (line != null && line.startsWith("READY")) {
                return;
            }
            child.waitFor(10, TimeUnit.SECONDS);
            // the port may still be held by the killed process for a moment
            if (tries > 20) {
                throw new IOException("receiver did not start: " + Files.readString(dir.resolve("receiver-" + starts + ".log")));
            }
            Thread.sleep(200);
        }
    }

    private void kill() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
