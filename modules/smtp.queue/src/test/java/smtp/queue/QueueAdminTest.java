package smtp.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.wire.Domain;
import smtp.wire.Mailbox;
import smtp.wire.Path;
import smtp.wire.Reply;

class QueueAdminTest {

    @TempDir
    java.nio.file.Path dir;

    final AtomicInteger attempts = new AtomicInteger();

    /** A remote transport that always defers, so messages stay in the queue. */
    final Transport deferring = new Transport() {
        @Override
        public String name() {
            return "smtp";
        }

        @Override
        public List<DeliveryOutcome> deliver(Delivery d) {
            attempts.incrementAndGet();
            return d.recipients().stream().<DeliveryOutcome>map(r -> new DeliveryOutcome.Deferred(
                    Diagnostic.remote("mx.example.com", Reply.of(451, "4.7.1", "Greylisted")))).toList();
        }
    };

    MailQueue open() throws Exception {
        return MailQueue.open(QueueConfig.of(dir, "mx.example.org"),
                Router.localAndRemote(Set.of(), deferring, deferring, false));
    }

    static QueueId submit(MailQueue q, String rcpt) throws Exception {
        Envelope env = new Envelope(Path.of(new Mailbox("alice", new Domain("example.org"))),
                List.of(Recipient.of(new Mailbox(rcpt, new Domain("example.com")))), Optional.empty(), Optional.empty(),
                Optional.empty(), false);
        try (Incoming in = q.receive(env, Origin.LOCAL)) {
            in.content().write(("Subject: " + rcpt + "\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
            return in.commit();
        }
    }

    record Run(int status, String out, String err) {
    }

    Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = QueueAdmin.run(dir, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandsWorkWithoutARunningQueue() throws Exception {
        QueueId a;
        QueueId b;
        try (MailQueue q = open()) {
            a = submit(q, "bob");
            b = submit(q, "carol");
        }
        Run list = cli("list");
        assertEquals(0, list.status());
        assertTrue(list.out().contains(a + " ") && list.out().contains(b + " "), list.out());
        assertTrue(list.out().contains("pending    <bob@example.com>"), list.out());
        assertTrue(list.out().contains("-- 2 messages"), list.out());

        Run hold = cli("hold", a.toString());
        assertEquals(new Run(0, a + ": held\n", ""), hold);
        assertTrue(QueueAdmin.of(dir).show(a).orElseThrow().state().held());
        assertTrue(cli("list").out().contains("HELD"));

        Run show = cli("show", b.toString());
        assertEquals(0, show.status());
        assertTrue(show.out().contains("sender: <alice@example.org>\n"), show.out());
        assertTrue(show.out().contains("--- message ---\nSubject: carol\r\n\r\nhello\r\n"), show.out());

        assertEquals(0, cli("release", a.toString()).status());
        assertFalse(QueueAdmin.of(dir).show(a).orElseThrow().state().held());

        Run delete = cli("delete", a.toString(), "0ZZZZZZZZZZZZZZZ");
        assertEquals(1, delete.status(), "one id was not found");
        assertEquals(a + ": deleted\n", delete.out());
        assertTrue(delete.err().contains("no message 0ZZZZZZZZZZZZZZZ"));
        assertEquals(List.of(b), QueueAdmin.of(dir).list().stream().map(QueueEntry::id).toList());
        assertEquals(2, cli("frobnicate").status());
        assertEquals(2, cli("delete", "not/an/id").status());
    }

    @Test
    void commandsReachARunningQueueThroughItsControlSocket() throws Exception {
        try (MailQueue q = open()) {
            q.start();
            QueueId a = submit(q, "bob");
            QueueId b = submit(q, "carol");
            waitFor(() -> attempts.get() >= 2);
            assertTrue(Files.exists(dir.resolve("control.sock")));

            Run hold = cli("hold", a.toString());
            assertEquals(0, hold.status(), hold.err());
            // applied at once, or when a delivery run that owned the message at that moment ends
            waitFor(() -> q.entries().stream().filter(e -> e.id().equals(a)).findFirst().orElseThrow().state().held());
            waitFor(() -> QueueAdmin.of(dir).show(a).map(e -> e.state().held()).orElse(false));

            int before = attempts.get();
            Run flush = cli("flush");
            assertEquals(new Run(0, "queue: flushed 1 message(s)\n", ""), flush, "the held message is not flushed");
            waitFor(() -> attempts.get() > before);

            Run delete = cli("delete", "ALL");
            assertEquals(0, delete.status(), delete.err());
            assertTrue(delete.out().contains(a + ": deleted") && delete.out().contains(b + ": deleted"), delete.out());
            waitFor(() -> q.entries().isEmpty());
            assertEquals("Mail queue is empty\n", cli("list").out());
        }
        assertFalse(Files.exists(dir.resolve("control.sock")), "the socket goes with the queue");
    }

    @Test
    void theControlSocketIsTheOwnersOnlyFromTheMomentItExists() throws Exception {
        // a stale staging directory from a crash, with loose permissions, is replaced
        Files.createDirectories(dir.resolve(".control"));
        Files.writeString(dir.resolve(".control").resolve("s"), "stale");
        Files.setPosixFilePermissions(dir.resolve(".control"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (MailQueue q = open()) {
            q.start();
            java.nio.file.Path socket = dir.resolve("control.sock");
            assertTrue(Files.exists(socket));
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(socket));
            assertFalse(Files.exists(dir.resolve(".control")), "the 0700 staging directory is gone after the rename");
            assertEquals(0, cli("flush").status(), "the renamed socket still answers");
        }
        assertFalse(Files.exists(dir.resolve("control.sock")));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 30 s");
            }
            Thread.sleep(20);
        }
    }
}
