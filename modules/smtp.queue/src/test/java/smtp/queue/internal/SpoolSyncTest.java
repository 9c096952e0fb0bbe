package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
import smtp.wire.Reply;

/**
 * Which spool changes are synced (counted through the instrumented hooks), and what recovery
 * finds when a crash of the machine loses one of the changes that are not: the files are left
 * as the disk would hold them.
 */
class SpoolSyncTest {

    @TempDir
    Path dir;

    final Fixtures.TestClock clock = new Fixtures.TestClock();
    final AtomicInteger directorySyncs = new AtomicInteger();

    Spool open() throws IOException {
        return Spool.open(SpoolConfig.of(dir), clock, d -> {
            directorySyncs.incrementAndGet();
            GroupCommitter.FSYNC.sync(d);
        });
    }

    QueueEntry accept(Spool spool) throws IOException {
        try (Incoming in = spool.receive(Fixtures.envelope("a@example.org", Fixtures.rcpt("b@example.com")),
                Fixtures.origin())) {
            in.content().write(Fixtures.message("sync", "body"));
            QueueId id = in.commit();
            return spool.recover().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    MessageState attempted(QueueEntry e, RecipientStatus status, int attempts) {
        return e.state().with(0, new RecipientState(status, attempts, Optional.of(clock.instant()),
                clock.instant().plus(Duration.ofMinutes(5)),
                Optional.of(Diagnostic.remote("mx.example.com", Reply.of(451, "4.7.1", "later"))), false, false));
    }

    Path queued(QueueId id, String suffix) {
        return dir.resolve("queue").resolve(id + suffix);
    }

    @Test
    @Tag("5321-6.1a")
    @Tag("5321-6.1d")
    void syncsPerChange_acceptTwoProgressOneCompletedRemovalNone_rfc5321_6_1() throws Exception {
        try (Spool spool = open()) {
            QueueEntry e = accept(spool);
            // before the 250: the message file, then queue/ (its new name)
            assertEquals(1, spool.fileSyncs());
            assertEquals(1, directorySyncs.get());
            assertEquals(1, spool.directorySyncs());

            spool.recordProgress(e.message(), attempted(e, RecipientStatus.PENDING, 1));
            assertEquals(2, spool.fileSyncs(), "a progress record syncs its file");
            assertEquals(1, directorySyncs.get(), "but not queue/");

            spool.deleteCompleted(e.id());
            assertEquals(2, spool.fileSyncs());
            assertEquals(1, directorySyncs.get(), "removing a completed message syncs nothing");
            assertFalse(Files.exists(queued(e.id(), ".msg")));
            assertFalse(Files.exists(queued(e.id(), ".state")));

            // The operator's changes stay fully durable.
            QueueEntry held = accept(spool);
            assertEquals(3, spool.fileSyncs());
            assertEquals(2, directorySyncs.get());
            spool.writeState(held.message(), held.state().withHeld(true));
            assertEquals(4, spool.fileSyncs());
            assertEquals(3, directorySyncs.get());
            spool.delete(held.id());
            assertEquals(4, spool.fileSyncs());
            assertEquals(4, directorySyncs.get());
        }
    }

    @Test
    @Tag("5321-6.1d")
    void lostRemovalOfACompletedMessageBringsItBackInItsLastState_rfc5321_6_1() throws Exception {
        QueueEntry e;
        MessageState last;
        byte[] msg;
        byte[] state;
        try (Spool spool = open()) {
            e = accept(spool);
            last = attempted(e, RecipientStatus.PENDING, 2);
            spool.recordProgress(e.message(), last);
            msg = Files.readAllBytes(queued(e.id(), ".msg"));
            state = Files.readAllBytes(queued(e.id(), ".state"));
            spool.deleteCompleted(e.id());
        }
        // The crash lost both unlinks: the disk still holds the two files.
        Files.write(queued(e.id(), ".msg"), msg);
        Files.write(queued(e.id(), ".state"), state);
        try (Spool spool = open()) {
            List<QueueEntry> found = spool.recover();
            assertEquals(1, found.size(), "delivered again, never lost");
            assertEquals(e.message(), found.get(0).message());
            assertEquals(last, found.get(0).state());
        }
    }

    @Test
    @Tag("5321-6.1d")
    void lostRemovalOfOnlyTheMessageFileBringsItBackAsNew_rfc5321_6_1() throws Exception {
        QueueEntry e;
        byte[] msg;
        try (Spool spool = open()) {
            e = accept(spool);
            spool.recordProgress(e.message(), attempted(e, RecipientStatus.PENDING, 1));
            msg = Files.readAllBytes(queued(e.id(), ".msg"));
            spool.deleteCompleted(e.id());
        }
        // Only the state file's removal reached the disk.
        Files.write(queued(e.id(), ".msg"), msg);
        try (Spool spool = open()) {
            List<QueueEntry> found = spool.recover();
            assertEquals(1, found.size());
            assertEquals(MessageState.initial(e.id(), 1, e.message().arrival()), found.get(0).state());
        }
    }

    @Test
    @Tag("5321-6.1d")
    void lostRemovalOfOnlyTheStateFileLeavesAnOrphanThatRecoveryRemoves() throws Exception {
        QueueEntry e;
        byte[] state;
        try (Spool spool = open()) {
            e = accept(spool);
            spool.recordProgress(e.message(), attempted(e, RecipientStatus.DELIVERED, 1));
            state = Files.readAllBytes(queued(e.id(), ".state"));
            spool.deleteCompleted(e.id());
        }
        Files.write(queued(e.id(), ".state"), state);
        try (Spool spool = open()) {
            assertTrue(spool.recover().isEmpty());
            assertFalse(Files.exists(queued(e.id(), ".state")));
        }
    }

    @Test
    @Tag("5321-6.1b")
    @Tag("5321-6.1d")
    void lostProgressRecordBringsBackThePreviousStateIntact_rfc5321_6_1() throws Exception {
        QueueEntry e;
        MessageState first;
        byte[] firstBytes;
        Path leftover;
        try (Spool spool = open()) {
            e = accept(spool);
            first = attempted(e, RecipientStatus.PENDING, 1);
            spool.recordProgress(e.message(), first);
            firstBytes = Files.readAllBytes(queued(e.id(), ".state"));
            spool.recordProgress(e.message(), attempted(e, RecipientStatus.DELIVERED, 2));
            // Its synced temporary file, as it stood before the rename that the crash lost.
            leftover = dir.resolve("tmp").resolve(e.id() + ".state.1");
            Files.copy(queued(e.id(), ".state"), leftover);
        }
        Files.write(queued(e.id(), ".state"), firstBytes);
        try (Spool spool = open()) {
            List<QueueEntry> found = spool.recover();
            assertEquals(1, found.size());
            assertEquals(first, found.get(0).state(), "the recipient is tried again");
            assertFalse(Files.exists(leftover), "the unrenamed state is discarded");
        }
    }

    @Test
    @Tag("5321-6.1d")
    void lostFirstProgressRecordBringsBackTheInitialState_rfc5321_6_1() throws Exception {
        QueueEntry e;
        try (Spool spool = open()) {
            e = accept(spool);
            spool.recordProgress(e.message(), attempted(e, RecipientStatus.PENDING, 1));
        }
        Files.delete(queued(e.id(), ".state"));
        try (Spool spool = open()) {
            List<QueueEntry> found = spool.recover();
            assertEquals(1, found.size());
            assertEquals(MessageState.initial(e.id(), 1, e.message().arrival()), found.get(0).state());
        }
    }
}
