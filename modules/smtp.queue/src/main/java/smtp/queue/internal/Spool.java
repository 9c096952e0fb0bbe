package smtp.queue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import smtp.queue.Envelope;
import smtp.queue.Incoming;
import smtp.queue.MessageState;
import smtp.queue.Origin;
import smtp.queue.QueueEntry;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.queue.SpoolConfig;

/**
 * The durable spool: one directory, owned by one process at a time.
 *
 * <pre>
 * &lt;spool&gt;/lock             held (fcntl lock) by the process that owns the spool
 * &lt;spool&gt;/control.sock     the running queue's administration socket, mode 0600 (see ControlServer;
 *                          bound in a 0700 &lt;spool&gt;/.control/ and renamed into place)
 * &lt;spool&gt;/tmp/             messages and states being written; emptied at start
 * &lt;spool&gt;/queue/           &lt;id&gt;.msg (accepted, never modified) and &lt;id&gt;.state (progress)
 * &lt;spool&gt;/corrupt/         files that could not be read, kept for a human
 * </pre>
 *
 * A message is accepted when its file, written and synced in {@code tmp/}, has been renamed
 * into {@code queue/} and {@code queue/} has been synced (RFC 5321 §6.1). Recovery (at
 * {@link #open}) removes {@code tmp/} leftovers, which were never acknowledged, and reads every
 * message back.
 *
 * <h2>Which changes are synced, and why the others need not be</h2>
 * Only the kill of the process is harmless to every write: what reached the kernel survives it.
 * A crash of the machine (power, kernel) may lose any rename or removal whose directory was not
 * synced, and the spool is built so that such a loss only ever repeats work:
 * <ul>
 * <li><b>Acceptance</b> ({@link SpoolWriter#commit}): file sync, rename, directory sync, then
 *     250. Both syncs stay: without the first a crash could leave a torn file under the
 *     accepted name, without the second the name itself could vanish after the 250.
 * <li><b>Operator changes</b> ({@link #writeState}: hold, release; {@link #delete}): file sync,
 *     rename, directory sync, as before; an operator who was told "done" must not see it undone.
 * <li><b>Delivery progress</b> ({@link #recordProgress}): the state file is synced (a torn state
 *     file would quarantine the message) and renamed over the old one, but {@code queue/} is
 *     not synced. If a crash loses the rename, the older state comes back (POSIX rename is
 *     atomic: old or new, never neither) and the recipients it recorded as done are tried again:
 *     at-least-once, never lost. A DSN that the lost state recorded as queued was itself
 *     committed durably first (a new message), so it can be repeated but not lost.
 * <li><b>Removal of a finished message</b> ({@link #deleteCompleted}): no directory sync at
 *     all. Every recipient's outcome was made durable elsewhere before (a Maildir file and its
 *     directory synced, a remote 250, a DSN committed in this spool). If a crash loses the
 *     removal, the message comes back, in its last state or, if only its state file's removal
 *     survived, as new, and is delivered again; the Maildir transport finds its file already
 *     there (named after the queue id) and a remote server may get a duplicate.
 * </ul>
 * So a delivered message with one recipient costs two syncs before the 250 and none in the
 * queue afterwards (it was three: the removal synced {@code queue/} too); a deferred attempt
 * costs one (it was two).
 *
 * <p>Group commit ({@link GroupCommitter}) shares only the directory sync among messages
 * committed together. Each message's own file is still fsync'd by its writer: those syncs run
 * concurrently (on ext4 the journal merges them into shared commits) but are not batched, so
 * every message costs one file fsync plus a share of one directory fsync. On ext4 this measured
 * no gain over a directory sync per message (benchmarks/README.md, "Spool commits").
 *
 * <h2>Diagnostics</h2>
 * {@link #open} throws {@link IOException} when the spool is owned by another process.
 * Unreadable files are moved to {@code corrupt/} and logged, never deleted.
 */
public final class Spool implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("smtp.queue");

    private final Path root;
    private final Path tmp;
    private final Path queue;
    private final Path corrupt;
    private final Clock clock;
    private final QueueIds ids;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final GroupCommitter committer;
    private final LongAdder fileSyncs = new LongAdder();
    private volatile Consumer<QueueEntry> onAccepted = e -> { };

    private Spool(SpoolConfig config, Clock clock, FileChannel lockChannel, FileLock lock, GroupCommitter.DirectorySync sync) {
        this.root = config.directory();
        this.tmp = root.resolve("tmp");
        this.queue = root.resolve("queue");
        this.corrupt = root.resolve("corrupt");
        this.clock = clock;
        this.ids = new QueueIds(clock);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.committer = new GroupCommitter(queue, config.groupCommit(), config.groupCommitWindow(), sync);
    }

    /** Takes the spool (creating it if needed) and removes what was being written when it last stopped. */
    public static Spool open(SpoolConfig config, Clock clock) throws IOException {
        return open(config, clock, GroupCommitter.FSYNC);
    }

    /** The same with another directory sync (tests instrument the durability step). */
    static Spool open(SpoolConfig config, Clock clock, GroupCommitter.DirectorySync sync) throws IOException {
        Path root = config.directory();
        for (String dir : List.of("tmp", "queue", "corrupt")) {
            Files.createDirectories(root.resolve(dir));
        }
        FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new SpoolBusyException(root);
        }
        Spool spool = new Spool(config, clock, channel, lock, sync);
        spool.discardIncomplete();
        return spool;
    }

    /** The spool directory. */
    public Path directory() {
        return root;
    }

    /** Called with every message once it is accepted (the queue schedules it). */
    public void onAccepted(Consumer<QueueEntry> listener) {
        this.onAccepted = Objects.requireNonNull(listener);
    }

    /** Starts receiving a message; see {@link Incoming}. */
    public Incoming receive(Envelope envelope, Origin origin) throws IOException {
        QueueId id = ids.next();
        Instant arrival = clock.instant();
        QueuedMessage message = new QueuedMessage(id, arrival, origin, envelope, 0);
        MessageFile.Template template = MessageFile.template(id, arrival, origin, envelope);
        // Never accept what could not be read back: check the header's round trip now.
        if (!(MessageFile.parseHeader(template.bytes(), template.bytes().length) instanceof Decoded.Ok<MessageFile.Header> ok)
                || !ok.value().message().equals(message)) {
            throw new IllegalArgumentException("envelope cannot be stored faithfully: " + envelope);
        }
        Path file = tmp.resolve(id + MessageFile.SUFFIX);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return new SpoolWriter(this, message, template, file, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Called by {@link SpoolWriter} once the file is synced. */
    void commit(Path file, QueuedMessage message) throws IOException {
        Path target = queue.resolve(message.id() + MessageFile.SUFFIX);
        try {
            committer.commit(file, target);
        } catch (IOException e) {
            // Not known durable, so not acknowledged: do not deliver it either.
            Files.deleteIfExists(target);
            throw e;
        }
        onAccepted.accept(new QueueEntry(message, MessageState.initial(message.id(),
                message.envelope().recipients().size(), message.arrival())));
    }

    /**
     * Replaces the state of a message durably (write, sync, rename, directory sync): for the
     * operator's hold and release, which must not come undone after a crash.
     */
    public void writeState(QueuedMessage message, MessageState state) throws IOException {
        committer.commit(writeStateFile(message, state), queue.resolve(message.id() + StateFile.SUFFIX));
    }

    /**
     * Replaces the state of a message after a delivery attempt: the new file is synced and
     * renamed over the old one, but {@code queue/} is not synced.
     */
    public void recordProgress(QueuedMessage message, MessageState state) throws IOException {
        Path file = writeStateFile(message, state);
        // No directory sync. A crash of the machine may lose this rename: the previous state
        // file (or none) is then found at restart, intact since rename(2) is atomic, and the
        // recipients this state recorded as done or failed are attempted again. Every outcome it
        // records was made durable where it went (Maildir synced, remote 250, DSN committed), so
        // the worst case is a repeat, never a loss. The file itself was synced above: a torn
        // state file under the real name would quarantine the message.
        Files.move(file, queue.resolve(message.id() + StateFile.SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    }

    private Path writeStateFile(QueuedMessage message, MessageState state) throws IOException {
        Path file = tmp.resolve(message.id() + StateFile.SUFFIX + "." + Thread.currentThread().threadId());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(StateFile.format(state, message)));
            forceFile(ch);
        }
        return file;
    }

    /**
     * Removes a message at the operator's request, durably: first its message file (the commit
     * point of removal), a directory sync, then its state.
     */
    public void delete(QueueId id) throws IOException {
        Files.deleteIfExists(queue.resolve(id + MessageFile.SUFFIX));
        committer.syncDirectory();
        Files.deleteIfExists(queue.resolve(id + StateFile.SUFFIX));
    }

    /**
     * Removes a message whose every recipient has its final outcome recorded where it went
     * (delivered, relayed, or failed with its DSN committed): no sync.
     */
    public void deleteCompleted(QueueId id) throws IOException {
        // No directory sync. If a crash of the machine loses these removals, the message comes
        // back at restart: with its last state, or, when only the state file's removal survived,
        // as new; either way it is delivered again (at-least-once; the Maildir transport finds
        // its file already there by queue id), and a failed recipient may get a second DSN.
        // If only the message file's removal survived, recovery removes the orphan state.
        // Nothing here can lose a message: the outcomes were durable before this call.
        Files.deleteIfExists(queue.resolve(id + MessageFile.SUFFIX));
        Files.deleteIfExists(queue.resolve(id + StateFile.SUFFIX));
    }

    /** Moves a message's files to {@code corrupt/} for a human to look at. */
    public void quarantine(QueueId id, String reason) {
        LOG.log(Level.ERROR, "{0}: moved to {1}: {2}", id, corrupt, reason);
        for (String suffix : List.of(MessageFile.SUFFIX, StateFile.SUFFIX)) {
            try {
                Files.move(queue.resolve(id + suffix), corrupt.resolve(id + suffix), StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException ignored) {
                // nothing to move
            } catch (IOException e) {
                LOG.log(Level.ERROR, "{0}: cannot quarantine {1}: {2}", id, suffix, e.toString());
            }
        }
    }

    /** The content of a message as it is delivered: trace fields, then content; verified at its end. */
    public InputStream openContent(QueuedMessage message) throws IOException {
        return SpoolReader.openContent(queue.resolve(message.id() + MessageFile.SUFFIX));
    }

    /**
     * Every accepted message with its state, as found on disk. Files that cannot be read are
     * quarantined; a state file without its message (a removal interrupted by a crash) is removed.
     */
    public List<QueueEntry> recover() throws IOException {
        List<QueueEntry> entries = new ArrayList<>();
        for (SpoolReader.Found f : SpoolReader.scan(queue)) {
            switch (f) {
                case SpoolReader.Found.Entry e -> entries.add(e.entry());
                case SpoolReader.Found.Damaged d -> quarantine(d.id(), d.reason());
                case SpoolReader.Found.Orphan o -> Files.deleteIfExists(o.stateFile());
            }
        }
        return entries;
    }

    /** Directory syncs so far (group commit makes these fewer than commits). */
    long directorySyncs() {
        return committer.directorySyncs();
    }

    /** File syncs so far (message and state files). */
    long fileSyncs() {
        return fileSyncs.sum();
    }

    /** fsync(2) of a file written in {@code tmp/}, counted. */
    void forceFile(FileChannel channel) throws IOException {
        channel.force(true);
        fileSyncs.increment();
    }

    private void discardIncomplete() throws IOException {
        try (var files = Files.list(tmp)) {
            for (Path p : files.toList()) {
                // RFC 5321 §6.1: these were never acknowledged with 250, so the client still has them.
                LOG.log(Level.INFO, "discarding incomplete spool file {0}", p.getFileName());
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        committer.close();
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
