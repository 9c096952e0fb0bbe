package smtp.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the spool stores messages.
 *
 * @param directory           the spool directory (created if missing); one queue process at a time
 * @param groupCommit         sessions ending DATA together share one directory sync (default on);
 *                            off, each commit syncs the directory itself. Each message's own
 *                            file is fsync'd by itself either way (concurrent file syncs run
 *                            in parallel; only the directory sync is shared)
 * @param groupCommitWindow   how long the leader of a group commit waits for more commits to
 *                            join before it syncs (default 0: the commits that arrive while a
 *                            sync runs form the next group, so a lone writer never waits)
 */
public record SpoolConfig(Path directory, boolean groupCommit, Duration groupCommitWindow) {

    public SpoolConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(groupCommitWindow, "groupCommitWindow");
        if (groupCommitWindow.isNegative() || groupCommitWindow.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("groupCommitWindow must be 0..1 s");
        }
    }

    /** The defaults for {@code directory}: group commit on, no extra wait. */
    public static SpoolConfig of(Path directory) {
        return new SpoolConfig(directory, true, Duration.ZERO);
    }

    /** The same with group commit on or off. */
    public SpoolConfig withGroupCommit(boolean on) {
        return new SpoolConfig(directory, on, groupCommitWindow);
    }

    /** The same with another batching window. */
    public SpoolConfig withGroupCommitWindow(Duration window) {
        return new SpoolConfig(directory, groupCommit, window);
    }
}
