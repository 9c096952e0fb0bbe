package smtp.queue;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@link MailQueue} needs to know besides its transports.
 *
 * @param spool  where messages are stored and how commits are grouped
 * @param retry  the retry schedule and lifetimes
 * @param dsn    how DSNs are written and where failed notifications go
 * @param limits concurrency limits
 */
public record QueueConfig(SpoolConfig spool, RetryPolicy retry, DsnConfig dsn, QueueLimits limits) {

    public QueueConfig {
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(dsn, "dsn");
        Objects.requireNonNull(limits, "limits");
    }

    /** Every default, with the spool in {@code directory} and DSNs reported as {@code hostName}. */
    public static QueueConfig of(Path directory, String hostName) {
        return new QueueConfig(SpoolConfig.of(directory), RetryPolicy.DEFAULT, DsnConfig.of(hostName), QueueLimits.DEFAULT);
    }

    public QueueConfig withSpool(SpoolConfig s) {
        return new QueueConfig(s, retry, dsn, limits);
    }

    public QueueConfig withRetry(RetryPolicy r) {
        return new QueueConfig(spool, r, dsn, limits);
    }

    public QueueConfig withDsn(DsnConfig d) {
        return new QueueConfig(spool, retry, d, limits);
    }

    public QueueConfig withLimits(QueueLimits l) {
        return new QueueConfig(spool, retry, dsn, l);
    }
}
