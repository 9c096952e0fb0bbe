package smtp.queue.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import smtp.queue.MessageState;
import smtp.queue.QueueId;

/**
 * The operator's commands on the running queue, in the spirit of Postfix's {@code postqueue -f}
 * (flush) and {@code postsuper -h/-H/-d} (hold, release, delete): applied at once to a message
 * at rest, or noted on its {@link Slot} and applied by {@link #applyPending} when the delivery
 * run that owns the message ends (so a run never sees its message change under it).
 *
 * <h2>Diagnostics</h2>
 * {@link #hold} and {@link #delete} throw {@link IOException} when the spool cannot record the
 * change; pending commands that fail are logged.
 */
final class QueueOperator {

    private static final System.Logger LOG = System.getLogger("smtp.queue");

    private final Spool spool;
    private final Clock clock;
    private final Map<QueueId, Slot> slots;
    private final DestinationBackoff backoff;
    private final Consumer<Slot> schedule;

    /**
     * @param slots    the queue's messages in memory (shared with the engine)
     * @param schedule reschedules a message after its state changed
     */
    QueueOperator(Spool spool, Clock clock, Map<QueueId, Slot> slots, DestinationBackoff backoff, Consumer<Slot> schedule) {
        this.spool = spool;
        this.clock = clock;
        this.slots = slots;
        this.backoff = backoff;
        this.schedule = schedule;
    }

    /**
     * Makes every pending recipient of every message that is not held due now, and ends every
     * destination's suspension (as Postfix's {@code postqueue -f} does). Returns how many messages.
     */
    int flush() {
        backoff.clear();
        int n = 0;
        for (Slot s : slots.values()) {
            synchronized (s) {
                if (s.state.held()) {
                    continue;
                }
                if (s.inFlight) {
                    s.flushRequested = true;
                } else {
                    s.state = flushed(s.state);
                }
                n++;
            }
            schedule.accept(s);
        }
        return n;
    }

    /** Puts messages on hold ({@code hold}) or releases them; returns the ids found. */
    List<QueueId> hold(Collection<QueueId> ids, boolean hold) throws IOException {
        List<QueueId> done = new ArrayList<>();
        for (QueueId id : ids) {
            Slot s = slots.get(id);
            if (s == null) {
                continue;
            }
            synchronized (s) {
                if (s.inFlight) {
                    s.holdRequested = Optional.of(hold);
                } else {
                    setHeld(s, hold);
                }
            }
            LOG.log(Level.INFO, id + ": " + (hold ? "held by the operator" : "released from hold"));
            done.add(id);
            schedule.accept(s);
        }
        return done;
    }

    /** Removes messages from the queue without notifying anyone; returns the ids found. */
    List<QueueId> delete(Collection<QueueId> ids) throws IOException {
        List<QueueId> done = new ArrayList<>();
        for (QueueId id : ids) {
            Slot s = slots.get(id);
            if (s == null) {
                continue;
            }
            synchronized (s) {
                if (s.inFlight) {
                    s.deleteRequested = true;
                } else {
                    removeNow(s);
                }
            }
            done.add(id);
        }
        return done;
    }

    /**
     * Applies the commands that arrived while a run owned the message and marks it at rest;
     * true when the message is still queued (and needs rescheduling).
     */
    boolean applyPending(Slot s) {
        synchronized (s) {
            s.inFlight = false;
            try {
                if (s.deleteRequested) {
                    removeNow(s);
                    return false;
                }
                if (s.holdRequested.isPresent()) {
                    setHeld(s, s.holdRequested.get());
                    s.holdRequested = Optional.empty();
                }
                if (s.flushRequested) {
                    s.state = flushed(s.state);
                    s.flushRequested = false;
                }
            } catch (IOException e) {
                LOG.log(Level.ERROR, s.message.id() + ": cannot apply queue command: " + e);
            }
            return true;
        }
    }

    private MessageState flushed(MessageState st) {
        Instant now = clock.instant();
        return st.map(r -> r.status().isFinal() ? r : r.withNextAttempt(now));
    }

    /** Caller holds the slot's monitor. */
    private void setHeld(Slot s, boolean hold) throws IOException {
        if (s.state.held() == hold) {
            return;
        }
        MessageState next = s.state.withHeld(hold);
        if (!hold) {
            next = flushed(next); // a released message is tried at once, as Postfix does
        }
        spool.writeState(s.message, next);
        s.state = next;
    }

    /** Caller holds the slot's monitor. */
    private void removeNow(Slot s) throws IOException {
        spool.delete(s.message.id());
        slots.remove(s.message.id());
        LOG.log(Level.INFO, s.message.id() + ": removed by the operator");
    }
}
