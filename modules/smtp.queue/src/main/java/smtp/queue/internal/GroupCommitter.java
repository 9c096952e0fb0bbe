package smtp.queue.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Moves synced files into the queue directory and makes the new names durable, several at a
 * time: the group commit of the spool.
 *
 * <p>Each writer has already written and synced its own file (so the file syncs of concurrent
 * writers run in parallel and the file system's journal can merge them). What remains per
 * message is a rename and a sync of the directory that holds the new name. A single committer
 * thread takes every request waiting, renames them all, syncs the directory once and only
 * then releases the writers: nobody is answered before their own rename is on disk, and N
 * sessions that end DATA together pay for one directory sync, not N.
 *
 * <p>The batch is whatever queued up while the previous sync ran; with a non-zero window the
 * committer also waits that long for more once it has one (a bounded wait). With group
 * commit off, {@link #commit} does the rename and the directory sync in the caller.
 *
 * <h2>Diagnostics</h2>
 * {@link #commit} throws the {@link IOException} of the rename or of the directory sync; a
 * failed directory sync fails every request of its batch, since none of them is known durable.
 */
final class GroupCommitter implements AutoCloseable {

    private record Request(Path from, Path to, CompletableFuture<Void> done) {
    }

    private static final Request STOP = new Request(null, null, null);

    private final Path directory;
    private final boolean grouped;
    private final long windowNanos;
    private final int maxBatch;
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.LongAdder syncs = new java.util.concurrent.atomic.LongAdder();

    GroupCommitter(Path directory, boolean grouped, Duration window, int maxBatch) {
        this.directory = directory;
        this.grouped = grouped;
        this.windowNanos = window.toNanos();
        this.maxBatch = maxBatch;
        this.thread = grouped ? Thread.ofPlatform().daemon().name("spool-committer").start(this::run) : null;
    }

    /** Renames {@code from} to {@code to} and returns once the new name is durable. */
    void commit(Path from, Path to) throws IOException {
        if (closed) {
            throw new IOException("spool closed");
        }
        if (!grouped) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            return;
        }
        Request r = new Request(from, to, new CompletableFuture<>());
        requests.add(r);
        try {
            r.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the spool commit");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Directory syncs so far (for tests and benchmarks: fewer than commits when batching works). */
    long directorySyncs() {
        return syncs.sum();
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            try {
                batch.add(requests.take());
                if (windowNanos > 0) {
                    long deadline = System.nanoTime() + windowNanos;
                    while (batch.size() < maxBatch) {
                        long left = deadline - System.nanoTime();
                        Request r = left > 0 ? requests.poll(left, TimeUnit.NANOSECONDS) : null;
                        if (r == null) {
                            break;
                        }
                        batch.add(r);
                    }
                }
                requests.drainTo(batch, maxBatch - batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean stop = batch.remove(STOP) || Thread.currentThread().isInterrupted();
            process(batch);
            if (stop) {
                List<Request> rest = new ArrayList<>();
                requests.drainTo(rest);
                rest.remove(STOP);
                process(rest);
                return;
            }
        }
    }

    private void process(List<Request> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Request> moved = new ArrayList<>(batch.size());
        for (Request r : batch) {
            try {
                Files.move(r.from(), r.to(), StandardCopyOption.ATOMIC_MOVE);
                moved.add(r);
            } catch (IOException | RuntimeException e) {
                r.done().completeExceptionally(e);
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        try {
            syncDirectory();
            moved.forEach(r -> r.done().complete(null));
        } catch (IOException | RuntimeException e) {
            moved.forEach(r -> r.done().completeExceptionally(e));
        }
    }

    /** fsync(2) of the directory: makes the names created or renamed in it durable. */
    void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
        syncs.increment();
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            requests.add(STOP);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A request that raced with close() is failed, never left waiting.
            List<Request> late = new ArrayList<>();
            requests.drainTo(late);
            late.stream().filter(r -> r != STOP)
                    .forEach(r -> r.done().completeExceptionally(new IOException("spool closed")));
        }
    }
}
