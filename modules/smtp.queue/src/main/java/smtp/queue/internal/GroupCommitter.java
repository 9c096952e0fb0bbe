package smtp.queue.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves synced files into the queue directory and makes the new names durable, several at a
 * time: the group commit of the spool (leader/follower, as databases commit their logs).
 *
 * <p>Only the <em>directory</em> sync is shared. Each writer has already written and fsync'd its
 * own message file before it gets here ({@link SpoolWriter#commit}); those file syncs are not
 * batched, they merely run concurrently (ext4's journal merges concurrent fsyncs into one journal
 * commit, which is where the throughput at 20 writers comes from). Sharing the file syncs too
 * would need several messages per file (a log), which the one-readable-file-per-message spool
 * does not do.
 *
 * <p>What remains per message is a rename and a sync of the directory that holds the new name.
 * A writer renames its file (in parallel with the others), takes a ticket, and waits until a
 * directory sync that <em>started after</em> its ticket was taken has finished. If no sync is
 * running, it becomes the leader: it notes the latest ticket, syncs the directory once, and
 * releases every writer whose ticket it covered. Writers that arrive while a sync runs are
 * covered by the next one. So N sessions ending DATA together pay for one or two directory
 * syncs rather than N, and nobody returns before their own rename is on disk. On ext4 this
 * measured no gain over a directory sync per message (benchmarks/README.md, "Spool commits").
 *
 * <p>With a non-zero window the leader waits that long before syncing, so that more renames
 * join (a bounded wait; default none: batching comes from the syncs themselves). With group
 * commit off, each commit renames and syncs the directory on its own.
 *
 * <h2>Diagnostics</h2>
 * {@link #commit} throws the {@link IOException} of the rename or of the directory sync; a failed
 * sync fails every commit it was meant to cover (none of them is known durable).
 */
final class GroupCommitter implements AutoCloseable {

    private final Path directory;
    private final boolean grouped;
    private final long windowNanos;
    private final DirectorySync sync;
    private final AtomicLong tickets = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private final LongAdder syncs = new LongAdder();
    /** Every ticket up to this one is durable. Guarded by {@link #lock}. */
    private long durableThrough;
    /** Every ticket up to this one (and above durableThrough) failed with {@link #failure}. */
    private long failedThrough;
    private IOException failure;
    private boolean syncing;
    private volatile boolean closed;

    /** The durability step, a directory fsync in production; tests instrument it. */
    @FunctionalInterface
    interface DirectorySync {
        void sync(Path directory) throws IOException;
    }

    /** fsync(2) of the directory: makes the names created or renamed in it durable. */
    static final DirectorySync FSYNC = directory -> {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    };

    GroupCommitter(Path directory, boolean grouped, Duration window, DirectorySync sync) {
        this.directory = directory;
        this.grouped = grouped;
        this.windowNanos = window.toNanos();
        this.sync = sync;
    }

    /** Renames {@code from} to {@code to} and returns once the new name is durable. */
    void commit(Path from, Path to) throws IOException {
        if (closed) {
            throw new IOException("spool closed");
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        if (!grouped) {
            syncDirectory();
            return;
        }
        // The ticket is taken after the rename: a sync that starts later covers it.
        awaitDurable(tickets.incrementAndGet());
    }

    private void awaitDurable(long ticket) throws IOException {
        lock.lock();
        try {
            while (true) {
                if (durableThrough >= ticket) {
                    return;
                }
                if (failedThrough >= ticket) {
                    throw new IOException("directory sync failed", failure);
                }
                if (!syncing) {
                    lead();
                    continue;
                }
                synced.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held and no sync running: syncs for every ticket taken so far. */
    private void lead() throws IOException {
        syncing = true;
        lock.unlock();
        IOException error = null;
        long covered = 0;
        try {
            if (windowNanos > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(windowNanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    error = new InterruptedIOException("interrupted before the directory sync");
                }
            }
            covered = tickets.get();
            if (error == null) {
                syncDirectory();
            }
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
            syncing = false;
            if (error == null) {
                durableThrough = Math.max(durableThrough, covered);
            } else {
                failedThrough = Math.max(failedThrough, covered);
                failure = error;
            }
            synced.signalAll();
        }
    }

    /** Directory syncs so far (for tests and benchmarks: fewer than commits when batching works). */
    long directorySyncs() {
        return syncs.sum();
    }

    /** Syncs the directory ({@link #FSYNC} unless a test instruments it): the names in it become durable. */
    void syncDirectory() throws IOException {
        sync.sync(directory);
        syncs.increment();
    }

    @Override
    public void close() {
        closed = true;
    }
}
