package smtp.queue.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.queue.Delivery;
import smtp.queue.Incoming;
import smtp.queue.MessageState;
import smtp.queue.Origin;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.wire.Mailbox;

/**
 * Queues the DSNs a message owes: one notification for all its recipients whose status owes
 * one, written by {@link DsnWriter} into the spool as a new message with the null reverse-path,
 * then the recipients marked as reported. A DSN that cannot be queued is tried again a minute
 * later ({@link Slot#dsnRetryAt}).
 *
 * <h2>Standards</h2>
 * RFC 5321 §6.1 (notifications go to the reverse-path), §4.5.5 (a failed notification goes to
 * the postmaster, or is dropped and logged), RFC 3461 §5.2 (which DSN), RFC 3464 (its format).
 *
 * <h2>Diagnostics</h2>
 * Never throws: a damaged message is quarantined, other errors are logged and retried.
 */
final class DsnQueuer {

    private static final System.Logger LOG = System.getLogger("smtp.queue");

    private final Spool spool;
    private final Outcomes outcomes;
    private final DsnWriter dsnWriter;

    DsnQueuer(Spool spool, Outcomes outcomes, DsnWriter dsnWriter) {
        this.spool = spool;
        this.outcomes = outcomes;
        this.dsnWriter = dsnWriter;
    }

    /** Queues the owed DSN; the new state, or empty when the message was quarantined meanwhile. */
    Optional<MessageState> queue(Slot s, MessageState st, Instant now) {
        QueuedMessage m = s.message;
        List<Integer> owed = new ArrayList<>();
        for (int i = 0; i < st.recipients().size(); i++) {
            if (st.recipients().get(i).dsnOwed()) {
                owed.add(i);
            }
        }
        Optional<Mailbox> to = outcomes.dsnRecipient(m);
        try {
            if (to.isEmpty()) {
                LOG.log(Level.WARNING, m.id() + ": undeliverable notification dropped (no postmaster address configured)");
            } else {
                List<DsnWriter.Item> items = owed.stream()
                        .map(i -> new DsnWriter.Item(m.envelope().recipients().get(i), st.recipients().get(i))).toList();
                Delivery.Content content = () -> spool.openContent(m);
                DsnWriter.Plan plan = dsnWriter.plan(m, items, to.get(), content);
                QueueId dsnId;
                try (Incoming in = spool.receive(dsnWriter.envelope(plan), Origin.LOCAL)) {
                    dsnWriter.write(in.content(), in.id(), now, m, items, plan, content);
                    dsnId = in.commit();
                }
                String kind = m.envelope().isNotification() ? "undeliverable notification sent to postmaster"
                        : "sender " + kindOf(items) + " notification";
                LOG.log(Level.INFO, m.id() + ": " + kind + ": " + dsnId);
            }
            MessageState next = st;
            for (int i : owed) {
                next = next.with(i, next.recipients().get(i).withDsnQueued());
            }
            // Progress only: the DSN was committed durably above, so losing this record repeats it.
            spool.recordProgress(m, next);
            synchronized (s) {
                s.state = next;
                s.dsnRetryAt = Optional.empty();
            }
            return Optional.of(next);
        } catch (CorruptMessageException e) {
            spool.quarantine(m.id(), e.getMessage());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, m.id() + ": cannot queue a delivery status notification: " + e);
            synchronized (s) {
                s.dsnRetryAt = Optional.of(now.plus(QueueEngine.dsnRetryDelay()));
            }
            return Optional.of(st);
        }
    }

    private static String kindOf(List<DsnWriter.Item> items) {
        if (items.stream().anyMatch(i -> i.action() == DsnAction.FAILED)) {
            return "non-delivery";
        }
        return items.stream().anyMatch(i -> i.action() == DsnAction.DELAYED) ? "delay" : "delivery";
    }
}
