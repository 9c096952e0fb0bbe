package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import smtp.server.testing.Peers;
import smtp.server.testing.ServerProcess;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * The server as a separate JVM: SIGTERM shuts it down gracefully, and {@code kill -9} at random
 * moments during a load loses no message that was answered 250 and delivers none twice.
 */
class ProcessLifecycleTest {

    private Path dir;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("smtp-process-");
        port = Peers.freePort();
        TestMta.Builder b = TestMta.builder().set("listen.smtp", "127.0.0.1:" + port).set("listen.submission", "")
                .set("listen.smtps", "").set("shutdown.grace", "10s").set("queue.retry.initial", "1s");
        b.writeUsers(dir);
        Properties p = b.properties(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("smtp.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "ProcessLifecycleTest");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        TestMta.delete(dir);
    }

    private ServerProcess start(int n) throws Exception {
        return ServerProcess.start(dir.resolve("smtp.properties"), dir.resolve("server-" + n + ".log"));
    }

    private InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Test
    @Tag("5321-3.8-server")
    @Timeout(180)
    void sigtermLetsTheTransactionInFlightFinishAndTheRestartDelivers() throws Exception {
        try (ServerProcess server = start(1)) {
            SmtpDialog idle = SmtpDialog.connect(address());
            expect(idle.read(), 220);
            SmtpDialog busy = SmtpDialog.connect(address());
            expect(busy.read(), 220);
            expect(busy.cmd("EHLO busy.remote.test"), 250);
            expect(busy.cmd("MAIL FROM:<busy@remote.test>"), 250);
            expect(busy.cmd("RCPT TO:<alice@example.test>"), 250);
            expect(busy.cmd("DATA"), 354);
            busy.send("Subject: sigterm\r\n\r\nbefore the signal\r\n");
            Thread terminator = Thread.ofVirtual().start(() -> {
                try {
                    server.terminate(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            expect(idle.read(), 421);
            busy.send("after the signal\r\n.\r\n");
            SmtpDialog.Answer ok = expect(busy.read(), 250);
            assertTrue(ok.text().contains("queued as"), ok.toString());
            terminator.join();
            assertTrue(!server.isAlive(), "SIGTERM ends the process once the transaction is done");
            idle.close();
            busy.close();
            String log = server.log();
            assertTrue(log.contains("shutting down") && log.contains("smtp.server stopped"), log);
            // The idle session that got 421 is logged as closed by the shutdown, not as a lost connection.
            assertTrue(log.contains("closed at shutdown (421 sent) from "), log);
            assertTrue(!log.contains("lost connection"), log);
        }
        try (ServerProcess again = start(2)) {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<String> m = maildir();
            while (m.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(100);
                m = maildir();
            }
            assertEquals(1, m.size(), "delivered once, before or after the restart");
            assertTrue(m.get(0).contains("before the signal\nafter the signal"), m.get(0));
            // The JVM reports a SIGTERM exit as 128 + 15, after its shutdown hook ran.
            assertEquals(143, again.terminate(Duration.ofSeconds(60)));
        }
    }

    @Test
    @Tag("5321-6.1-server")
    @Timeout(300)
    void killMinus9DuringALoadLosesNothingAnswered250AndDuplicatesNothing() throws Exception {
        Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        Set<Integer> unknown = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        int total = 240;
        Random random = new Random();
        List<Thread> clients = new ArrayList<>();
        ServerProcess[] server = {start(1)};
        for (int c = 0; c < 4; c++) {
            clients.add(Thread.ofVirtual().start(() -> load(accepted, unknown, next, running, total)));
        }
        int kills = 0;
        for (int round = 1; round <= 3 && next.get() < total; round++) {
            Thread.sleep(800 + random.nextInt(1500));
            server[0].kill();
            kills++;
            Thread.sleep(200);
            server[0] = start(round + 1);
        }
        for (Thread t : clients) {
            t.join(Duration.ofSeconds(120));
        }
        running.set(false);
        // Every message answered 250 must arrive exactly once.
        Map<Integer, Integer> copies = new TreeMap<>();
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            copies = count();
            boolean all = accepted.stream().allMatch(copies::containsKey);
            if (all || System.nanoTime() > end) {
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(1000);
        copies = count();
        server[0].terminate(Duration.ofSeconds(60));
        List<Integer> lost = new ArrayList<>();
        for (int id : accepted) {
            if (!copies.containsKey(id)) {
                lost.add(id);
            }
        }
        List<Integer> duplicated = new ArrayList<>();
        copies.forEach((id, n) -> {
            if (n > 1) {
                duplicated.add(id);
            }
        });
        Collections.sort(lost);
        String report = "kill -9 x" + kills + ": " + next.get() + " attempted, " + accepted.size() + " answered 250, "
                + unknown.size() + " cut off before a reply (" + unknown.stream().filter(copies::containsKey).count()
                + " of them delivered anyway), lost " + lost.size() + " " + lost + ", duplicated " + duplicated.size() + " " + duplicated;
        System.out.println("crash test: " + report);
        assertTrue(kills >= 1, report);
        assertTrue(accepted.size() > 50, report);
        assertEquals(List.of(), lost, report);
        assertEquals(List.of(), duplicated, report);
    }

    private void load(Set<Integer> accepted, Set<Integer> unknown, AtomicInteger next, AtomicBoolean running, int total) {
        while (running.get()) {
            int id = next.getAndIncrement();
            if (id >= total) {
                return;
            }
            boolean done = false;
            for (int attempt = 0; attempt < 400 && !done; attempt++) {
                try (SmtpDialog d = SmtpDialog.connect(address())) {
                    d.timeout(15_000);
                    if (d.read().code() != 220) {
                        throw new IOException("no greeting");
                    }
                    expect(d.cmd("EHLO load.remote.test"), 250);
                    expect(d.cmd("MAIL FROM:<load@remote.test>"), 250);
                    expect(d.cmd("RCPT TO:<alice@example.test>"), 250);
                    expect(d.cmd("DATA"), 354);
                    // From here on the outcome is unknown until the reply arrives.
                    unknown.add(id);
                    d.send("Subject: load\r\nMessage-ID: <load-" + id + "@remote.test>\r\n\r\n" + ("x".repeat(98) + "\r\n").repeat(20) + ".\r\n");
                    SmtpDialog.Answer a = d.read();
                    if (a.code() == 250) {
                        unknown.remove(id);
                        accepted.add(id);
                    }
                    done = true;
                    d.cmd("QUIT");
                } catch (IOException | AssertionError e) {
                    if (unknown.contains(id)) {
                        done = true; // cut off after the data: never sent again (it may have been accepted)
                    } else {
                        sleep(50); // not connected or before DATA: try this message again
                    }
                }
            }
        }
    }

    private Map<Integer, Integer> count() throws IOException {
        Map<Integer, Integer> copies = new TreeMap<>();
        Pattern id = Pattern.compile("Message-ID: <load-(\\d+)@remote.test>");
        for (String m : maildir()) {
            Matcher x = id.matcher(m);
            if (x.find()) {
                copies.merge(Integer.parseInt(x.group(1)), 1, Integer::sum);
            }
        }
        return copies;
    }

    private List<String> maildir() throws IOException {
        Path d = dir.resolve("mail").resolve("alice").resolve("new");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        Set<Path> seen = new HashSet<>();
        try (var s = Files.list(d)) {
            for (Path p : s.toList()) {
                if (seen.add(p)) {
                    try {
                        out.add(Files.readString(p, StandardCharsets.UTF_8));
                    } catch (java.nio.file.NoSuchFileException e) {
                        // moved meanwhile
                    }
                }
            }
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
