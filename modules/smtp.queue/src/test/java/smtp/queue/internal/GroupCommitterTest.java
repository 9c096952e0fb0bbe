package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit's promise, checked with an instrumented directory sync: a commit returns
 * only after a directory sync that <em>began</em> after its own rename has <em>ended</em>
 * (RFC 5321 §6.1: nothing is acknowledged before it is on stable storage), and concurrent
 * commits share syncs.
 */
class GroupCommitterTest {

    @TempDir
    Path dir;

    /** One directory sync as the instrument saw it: the names present when it began, and when it ended. */
    record Sync(Set<String> namesAtStart, long endedAt) {
    }

    /** A logical clock: every event (a sync ends, a commit returns) takes the next number. */
    final AtomicLong events = new AtomicLong();
    final List<Sync> syncs = new CopyOnWriteArrayList<>();

    /** Lists the directory when the sync begins, syncs it for real, lingers a little so that renames pile up meanwhile. */
    GroupCommitter.DirectorySync instrumented(Duration linger) {
        return directory -> {
            Set<String> names;
            try (var files = Files.list(directory)) {
                names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            }
            try (var ch = java.nio.channels.FileChannel.open(directory, java.nio.file.StandardOpenOption.READ)) {
                ch.force(true);
            }
            try {
                Thread.sleep(linger);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
            syncs.add(new Sync(names, events.incrementAndGet()));
        };
    }

    @Test
    @Tag("5321-6.1a")
    void everyCommitReturnsOnlyAfterASyncThatBeganAfterItsRename_rfc5321_6_1() throws Exception {
        Path queue = Files.createDirectory(dir.resolve("queue"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        int writers = 16;
        int perWriter = 8;
        GroupCommitter committer = new GroupCommitter(queue, true, Duration.ZERO, instrumented(Duration.ofMillis(3)));
        Map<String, Long> returnedAt = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        String name = "m" + writer + "-" + i + ".msg";
                        Path from = Files.writeString(tmp.resolve(name), "x");
                        committer.commit(from, queue.resolve(name));
                        returnedAt.put(name, events.incrementAndGet());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertEquals(writers * perWriter, returnedAt.size());
        returnedAt.forEach((name, returned) -> assertTrue(syncs.stream()
                        .anyMatch(s -> s.namesAtStart().contains(name) && s.endedAt() < returned),
                name + " returned (event " + returned + ") before any sync that began after its rename had ended"));
        assertTrue(syncs.size() < writers * perWriter,
                "concurrent commits share directory syncs: " + syncs.size() + " syncs for " + writers * perWriter + " commits");
        assertEquals(syncs.size(), committer.directorySyncs());
    }

    @Test
    @Tag("5321-6.1a")
    void aFailedSyncFailsEveryCommitItCovered_rfc5321_6_1() throws Exception {
        Path queue = Files.createDirectory(dir.resolve("queue"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        GroupCommitter committer = new GroupCommitter(queue, true, Duration.ZERO, d -> {
            throw new IOException("EIO");
        });
        Path from = Files.writeString(tmp.resolve("a.msg"), "x");
        IOException e = assertThrows(IOException.class, () -> committer.commit(from, queue.resolve("a.msg")));
        assertEquals("EIO", e.getCause().getMessage());
    }

    @Test
    void aLoneCommitWithoutAWindowSyncsOnceAndDoesNotWait() throws Exception {
        Path queue = Files.createDirectory(dir.resolve("queue"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        GroupCommitter committer = new GroupCommitter(queue, true, Duration.ZERO, instrumented(Duration.ZERO));
        for (int i = 0; i < 3; i++) {
            Path from = Files.writeString(tmp.resolve(i + ".msg"), "x");
            committer.commit(from, queue.resolve(i + ".msg"));
            int n = i;
            assertTrue(syncs.get(i).namesAtStart().contains(n + ".msg"));
        }
        assertEquals(3, syncs.size(), "one sync per sequential commit");
    }
}
