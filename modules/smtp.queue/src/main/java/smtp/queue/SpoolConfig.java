package smtp.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the spool stores messages.
 *
 * @param directory           the spool directory (created if missing); one queue process at a time
 * @param groupCommit         sessions ending DATA together share one directory sync (default on);
 *                            off, each commit renames and syncs the directory itself
 * @param groupCommitWindow   how long the committer waits for more commits to join a batch
 *                            once it has one (default 0: only commits that arrived while the
 *                            previous sync ran are batched, so a lone writer never waits)
 * @param groupCommitMaxBatch the most commits in one batch (default 256)
 */
public record SpoolConfig(Path directory, boolean groupCommit, Duration groupCommitWindow, int groupCommitMaxBatch) {

    public SpoolConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(groupCommitWindow, "groupCommitWindow");
        if (groupCommitWindow.isNegative() || groupCommitWindow.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("groupCommitWindow must be 0..1 s");
        }
        if (groupCommitMaxBatch < 1) {
            throw new IllegalArgumentException("groupCommitMaxBatch >= 1");
        }
    }

    /** The defaults for {@code directory}: group commit on, no extra wait, batches of up to 256. */
    public static SpoolConfig of(Path directory) {
        return new SpoolConfig(directory, true, Duration.ZERO, 256);
    }

    /** The same with group commit on or off. */
    public SpoolConfig withGroupCommit(boolean on) {
        return new SpoolConfig(directory, on, groupCommitWindow, groupCommitMaxBatch);
    }

    /** The same with another batching window. */
    public SpoolConfig withGroupCommitWindow(Duration window) {
        return new SpoolConfig(directory, groupCommit, window, groupCommitMaxBatch);
    }
}
