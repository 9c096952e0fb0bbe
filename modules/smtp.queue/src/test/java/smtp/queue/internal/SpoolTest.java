package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.queue.Diagnostic;
import smtp.queue.Incoming;
import smtp.queue.MessageState;
import smtp.queue.QueueEntry;
import smtp.queue.QueueId;
import smtp.queue.RecipientState;
import smtp.queue.RecipientStatus;
import smtp.queue.SpoolConfig;
import smtp.wire.HeaderField;
import smtp.wire.Reply;

class SpoolTest {

    @TempDir
    Path dir;

    final Fixtures.TestClock clock = new Fixtures.TestClock();

    Spool open() throws IOException {
        return Spool.open(SpoolConfig.of(dir), clock);
    }

    @Test
    @Tag("5321-6.1a")
    void committedMessageIsFoundAgainAfterReopen_rfc5321_6_1() throws Exception {
        byte[] content = Fixtures.message("hello", "body line\r\n.leading dot kept unstuffed");
        QueueId id;
        try (Spool spool = open()) {
            try (Incoming in = spool.receive(Fixtures.fullEnvelope(), Fixtures.origin())) {
                in.content().write(content);
                id = in.commit(List.of(HeaderField.of("Received", "from client.example.org by mx.example.org; Sun, 1 Mar 2026 09:00:00 +0000"),
                        HeaderField.of("Authentication-Results", "mx.example.org; spf=pass")));
            }
        }
        try (Spool spool = open()) {
            List<QueueEntry> entries = spool.recover();
            assertEquals(1, entries.size());
            QueueEntry e = entries.get(0);
            assertEquals(id, e.id());
            assertEquals(Fixtures.fullEnvelope(), e.message().envelope());
            assertEquals(Fixtures.origin(), e.message().origin());
            assertEquals(clock.instant(), e.message().arrival());
            assertEquals(MessageState.initial(id, 3, clock.instant()), e.state());
            byte[] delivered;
            try (InputStream in = spool.openContent(e.message())) {
                delivered = in.readAllBytes();
            }
            String text = new String(delivered, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("Received: from client.example.org"), text);
            assertTrue(text.contains("\r\nAuthentication-Results: mx.example.org; spf=pass\r\nFrom: alice"), text);
            assertTrue(text.endsWith(new String(content, StandardCharsets.UTF_8)));
            assertEquals(delivered.length, e.message().size());
        }
    }

    @Test
    @Tag("5321-6.1a")
    void uncommittedMessagesAreDiscardedAtStart_rfc5321_6_1() throws Exception {
        try (Spool spool = open()) {
            Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin());
            in.content().write(Fixtures.message("x", "never committed"));
            in.content().flush();
            // the process dies here: no commit, no close
        }
        assertEquals(1, Files.list(dir.resolve("tmp")).count());
        try (Spool spool = open()) {
            assertTrue(spool.recover().isEmpty());
            assertEquals(0, Files.list(dir.resolve("tmp")).count());
        }
    }

    @Test
    void closeWithoutCommitRemovesTheFile() throws Exception {
        try (Spool spool = open()) {
            try (Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin())) {
                in.content().write(Fixtures.message("x", "rejected at end of data"));
            }
            assertEquals(0, Files.list(dir.resolve("tmp")).count());
            assertTrue(spool.recover().isEmpty());
        }
    }

    @Test
    void secondProcessCannotOpenTheSpool() throws Exception {
        try (Spool spool = open()) {
            IOException e = assertThrows(IOException.class, this::open);
            assertTrue(e.getMessage().contains("in use"));
            assertEquals(dir, spool.directory());
        }
    }

    @Test
    @Tag("5321-6.1b")
    void stateSurvivesReopen_rfc5321_6_1() throws Exception {
        QueueId id;
        MessageState state;
        try (Spool spool = open()) {
            Incoming in = spool.receive(Fixtures.fullEnvelope(), Fixtures.origin());
            in.content().write(Fixtures.message("s", "b"));
            id = in.commit();
            QueueEntry e = spool.recover().get(0);
            Diagnostic d = Diagnostic.remote("mx.example.com", Reply.of(451, "4.7.1", "Greylisted, try again later"));
            state = e.state()
                    .with(0, new RecipientState(RecipientStatus.PENDING, 1, Optional.of(clock.instant()),
                            clock.instant().plus(Duration.ofMinutes(5)), Optional.of(d), false, false))
                    .with(1, new RecipientState(RecipientStatus.FAILED, 1, Optional.of(clock.instant()),
                            clock.instant(), Optional.of(Diagnostic.local(550, "5.1.10", "null MX")), true, false))
                    .with(2, new RecipientState(RecipientStatus.DELIVERED, 2, Optional.of(clock.instant()),
                            clock.instant(), Optional.of(Diagnostic.remote("mx2", Reply.of(250, "ok"))), false, true))
                    .withHeld(true);
            spool.writeState(e.message(), state);
        }
        try (Spool spool = open()) {
            assertEquals(state, spool.recover().get(0).state());
            assertEquals(id, spool.recover().get(0).id());
        }
    }

    @Test
    void deletedMessageIsGoneAndAnOrphanStateIsRemoved() throws Exception {
        try (Spool spool = open()) {
            Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin());
            in.content().write(Fixtures.message("d", "b"));
            QueueId id = in.commit();
            QueueEntry e = spool.recover().get(0);
            spool.writeState(e.message(), e.state().withHeld(true));
            // a crash between the two unlinks of a removal leaves the state behind
            Files.delete(dir.resolve("queue").resolve(id + ".msg"));
            assertTrue(spool.recover().isEmpty());
            assertFalse(Files.exists(dir.resolve("queue").resolve(id + ".state")));
        }
    }

    @Test
    void truncatedMessageFileIsQuarantinedNotDelivered() throws Exception {
        QueueId id;
        try (Spool spool = open()) {
            Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin());
            in.content().write(Fixtures.message("t", "some body that will be cut"));
            id = in.commit();
        }
        Path file = dir.resolve("queue").resolve(id + ".msg");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 5);
        }
        try (Spool spool = open()) {
            assertTrue(spool.recover().isEmpty());
            assertTrue(Files.exists(dir.resolve("corrupt").resolve(id + ".msg")));
        }
    }

    @Test
    void damagedContentFailsTheCrcBeforeTheLastOctet() throws Exception {
        try (Spool spool = open()) {
            Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin());
            in.content().write(Fixtures.message("c", "x".repeat(200_000)));
            QueueId id = in.commit();
            Path file = dir.resolve("queue").resolve(id + ".msg");
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(f.length() - 1000);
                f.write('y');
            }
            QueueEntry e = spool.recover().get(0);
            try (InputStream s = spool.openContent(e.message())) {
                assertThrows(CorruptMessageException.class, s::readAllBytes);
            }
        }
    }

    @Test
    @Tag("5321-6.1a")
    void groupCommitSharesDirectorySyncsAndAnswersNobodyEarly_rfc5321_6_1() throws Exception {
        int writers = 20;
        int perWriter = 10;
        // A 20 ms window: the leader waits for the other writers' renames before it syncs, so
        // writers that commit together must share a sync (without a window sharing depends on timing).
        SpoolConfig config = SpoolConfig.of(dir).withGroupCommitWindow(Duration.ofMillis(20));
        try (Spool spool = Spool.open(config, clock); var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentHashMap<QueueId, Boolean> durableWhenAnswered = new ConcurrentHashMap<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        try (Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")),
                                Fixtures.origin())) {
                            in.content().write(Fixtures.message("w" + writer + "-" + i, "body"));
                            QueueId id = in.commit();
                            // when commit returns, the file is in queue/ (its rename happened before the sync that released
                            // us; GroupCommitterTest checks that the sync began after the rename)
                            durableWhenAnswered.put(id, Files.exists(dir.resolve("queue").resolve(id + ".msg")));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            int commits = writers * perWriter;
            assertEquals(commits, durableWhenAnswered.size());
            assertTrue(durableWhenAnswered.values().stream().allMatch(b -> b));
            assertEquals(commits, spool.recover().size());
            long syncs = spool.directorySyncs();
            assertTrue(syncs < commits, "concurrent commits share directory syncs: " + syncs + " syncs for " + commits + " commits");
            System.out.printf("group commit (20 ms window): %d commits, %d directory syncs%n", commits, syncs);
        }
    }

    @Test
    void withoutGroupCommitEveryCommitSyncsTheDirectory() throws Exception {
        try (Spool spool = Spool.open(SpoolConfig.of(dir).withGroupCommit(false), clock)) {
            for (int i = 0; i < 5; i++) {
                try (Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin())) {
                    in.content().write(Fixtures.message("n" + i, "b"));
                    in.commit();
                }
            }
            assertEquals(5, spool.directorySyncs());
            assertEquals(5, spool.recover().size());
        }
    }

    @Test
    void traceFieldWithoutCrlfIsRefused() throws Exception {
        try (Spool spool = open()) {
            Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin());
            in.content().write(Fixtures.message("x", "b"));
            HeaderField bad = new HeaderField("Received", " x", "Received: x".getBytes(StandardCharsets.US_ASCII));
            assertThrows(IllegalArgumentException.class, () -> in.commit(List.of(bad)));
            assertTrue(spool.recover().isEmpty());
            assertEquals(0, Files.list(dir.resolve("tmp")).count());
        }
    }

    @Test
    void messageFileIsReadableText() throws Exception {
        try (Spool spool = open()) {
            Incoming in = spool.receive(Fixtures.fullEnvelope(), Fixtures.origin());
            in.content().write(Fixtures.message("r", "b"));
            QueueId id = in.commit();
            String text = Files.readString(dir.resolve("queue").resolve(id + ".msg"), StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("SMTP-REF-QUEUE 1\nqueue-id: " + id + "\narrival-date: 2026-03-01T09:00:00Z\n"), text);
            assertTrue(text.contains("\nrecipient: <bob@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob+2B20Original@example.com\n"), text);
            assertTrue(text.contains("\nrecipient: <\"carol smith\"@example.net> NOTIFY=NEVER\n"), text);
            assertTrue(text.contains("\nret: HDRS\n") && text.contains("\nbody: 8BITMIME\n") && text.contains("\nenvid: ENV+3DID+2042+2Bx\n"), text);
        }
    }

    @Test
    void recoveredEntriesAreSortedByArrival() throws Exception {
        try (Spool spool = open()) {
            List<QueueId> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                try (Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin())) {
                    in.content().write(Fixtures.message("o" + i, "b"));
                    ids.add(in.commit());
                }
            }
            assertEquals(ids, spool.recover().stream().map(QueueEntry::id).toList());
            assertInstanceOf(Instant.class, spool.recover().get(0).message().arrival());
        }
    }

    @Test
    void contentStreamIgnoresClose() throws Exception {
        try (Spool spool = open()) {
            Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")), Fixtures.origin());
            in.content().write("Subject: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            in.content().close();
            in.content().write("more\r\n".getBytes(StandardCharsets.US_ASCII));
            in.commit();
            try (InputStream s = spool.openContent(spool.recover().get(0).message())) {
                assertArrayEquals("Subject: a\r\n\r\nmore\r\n".getBytes(StandardCharsets.US_ASCII), s.readAllBytes());
            }
        }
    }
}
