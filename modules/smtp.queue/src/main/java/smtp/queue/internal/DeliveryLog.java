package smtp.queue.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import smtp.queue.Diagnostic;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.RecipientState;
import smtp.queue.RecipientStatus;

/**
 * The log line of one recipient's delivery attempt, in the form operators grep for (Postfix's):
 * {@code <id>: to=<rcpt>, orig_to=<orcpt>, relay=<mta>, delay=<s>, attempts=<n>, dsn=<x.y.z>, status=sent|deferred|bounced (<reply>)}.
 * Failures are logged at WARNING, the rest at INFO, on System.Logger {@code smtp.queue}.
 */
final class DeliveryLog {

    private static final System.Logger LOG = System.getLogger("smtp.queue");

    private DeliveryLog() {
    }

    /**
     * Logs recipient {@code i} of {@code m} after an attempt.
     *
     * @param r         its new state
     * @param d         the reply or condition
     * @param temporary {@code d} was a temporary failure (so a failed recipient expired: "gave up")
     * @param transport the transport's name, shown as the relay when no remote MTA was involved
     */
    static void recipient(QueuedMessage m, int i, RecipientState r, Diagnostic d, boolean temporary, String transport,
                          Instant now) {
        Recipient rcpt = m.envelope().recipients().get(i);
        String status = switch (r.status()) {
            case PENDING -> "deferred";
            case DELIVERED, RELAYED -> "sent";
            case FAILED -> "bounced";
        };
        String why = d.summary();
        if (r.status() == RecipientStatus.FAILED && temporary) {
            why = "gave up after " + Duration.between(m.arrival(), now).toHours() + "h in the queue: " + why;
        }
        long delayMillis = Duration.between(m.arrival(), now).toMillis();
        LOG.log(r.status() == RecipientStatus.FAILED ? Level.WARNING : Level.INFO, m.id() + ": to=<" + rcpt.mailbox() + ">"
                + rcpt.orcpt().map(o -> ", orig_to=<" + o.address() + ">").orElse("")
                + ", relay=" + d.remoteMta().orElse(transport)
                + ", delay=" + seconds(delayMillis)
                + ", attempts=" + r.attempts() + ", dsn=" + d.status()
                + ", status=" + status + " (" + why + ")");
    }

    /**
     * {@code millis} as seconds with one decimal, rounded half up: what
     * {@code String.format(Locale.ROOT, "%.1f", millis / 1000.0)} writes, without a Formatter
     * (a line is logged for every recipient).
     */
    static String seconds(long millis) {
        if (millis < 0 || millis > Long.MAX_VALUE / 2) {
            return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
        }
        long tenths = (millis + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
    }
}
