package smtp.queue.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import smtp.queue.DsnConfig;
import smtp.queue.MessageState;
import smtp.queue.QueueEntry;
import smtp.queue.QueueId;
import smtp.queue.QueueLimits;
import smtp.queue.RecipientState;
import smtp.queue.RetryPolicy;
import smtp.queue.Router;

/**
 * The running queue: keeps every queued message in memory with its next wake-up time, starts a
 * {@link DeliveryRun} on a virtual thread for each message that is due, and hands the
 * operator's commands (flush, hold, release, delete) to {@link QueueOperator}.
 *
 * <p>Time comes from the injected {@link Clock}; the scheduler thread sleeps until the earliest
 * wake-up (at most a minute) or until {@link #wakeUp()}. Tests drive it with a settable clock
 * and {@link #runDueNow()}, which runs everything due and waits for it, so five days of retries
 * take milliseconds.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.4.1 ("mail that cannot be transmitted immediately MUST be queued and
 * periodically retried by the sender"; "some method for requesting immediate attention for a
 * new piece of outgoing mail": a message is due the moment it is accepted).
 */
public final class QueueEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("smtp.queue");
    private static final Duration MAX_SLEEP = Duration.ofMinutes(1);
    private static final Duration DSN_RETRY = Duration.ofMinutes(1);

    private record Wake(Instant at, QueueId id) {
    }

    private final Clock clock;
    private final Outcomes outcomes;
    private final DeliveryRun run;
    private final QueueOperator operator;
    private final ConcurrentHashMap<QueueId, Slot> slots = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final PriorityQueue<Wake> wakes = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private final Semaphore activeMessages;
    private int active;
    private volatile boolean running;
    private Thread scheduler;

    public QueueEngine(Spool spool, Clock clock, RetryPolicy retry, DsnConfig dsn, Router router, QueueLimits limits) {
        this.clock = clock;
        this.outcomes = new Outcomes(retry, dsn);
        DestinationBackoff backoff = new DestinationBackoff(retry);
        this.run = new DeliveryRun(spool, clock, router, limits, outcomes,
                new DsnQueuer(spool, outcomes, new DsnWriter(dsn, retry)), backoff);
        this.operator = new QueueOperator(spool, clock, slots, backoff, router, this::schedule);
        this.activeMessages = new Semaphore(limits.maxActiveMessages());
        spool.onAccepted(this::accepted);
    }

    /** Takes over the messages found by {@link Spool#recover()}. */
    public void load(List<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            Slot s = new Slot(e.message(), e.state());
            slots.put(e.id(), s);
            schedule(s);
        }
        LOG.log(Level.INFO, "queue loaded: " + entries.size() + (entries.size() == 1 ? " message" : " messages"));
    }

    private void accepted(QueueEntry e) {
        if (LOG.isLoggable(Level.INFO)) {
            LOG.log(Level.INFO, e.id() + ": from=" + SpoolText.reversePath(e.message().envelope().reversePath())
                    + ", size=" + e.message().size() + ", nrcpt=" + e.message().envelope().recipients().size() + " (queued)");
        }
        Slot s = new Slot(e.message(), e.state());
        slots.put(e.id(), s);
        schedule(s);
    }

    /** Starts the scheduler thread. */
    public void start() {
        running = true;
        scheduler = Thread.ofVirtual().name("queue-scheduler").start(this::loop);
    }

    /** Wakes the scheduler to look at the time again (after the clock was moved, or a flush). */
    public void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            for (Slot s : takeDue()) {
                dispatch(s);
            }
            lock.lock();
            try {
                Instant now = clock.instant();
                Duration sleep = wakes.isEmpty() ? MAX_SLEEP : Duration.between(now, wakes.peek().at());
                if (sleep.compareTo(MAX_SLEEP) > 0) {
                    sleep = MAX_SLEEP;
                }
                if (running && !sleep.isNegative() && !sleep.isZero()) {
                    changed.await(sleep.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Runs every message that is due now and waits until those runs (and the runs of anything
     * they made due now, such as the DSNs they queued) have finished. For tests and for
     * tools; the running scheduler does the same by itself.
     */
    public void runDueNow() throws InterruptedException {
        for (int round = 0; round < 10_000; round++) {
            awaitIdle();
            List<Slot> due = takeDue();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(this::dispatch);
        }
        throw new IllegalStateException("runDueNow: still busy after 10000 rounds");
    }

    /** Waits until no delivery run is active. */
    public void awaitIdle() throws InterruptedException {
        lock.lock();
        try {
            while (active > 0) {
                idle.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private List<Slot> takeDue() {
        Set<Slot> due = new LinkedHashSet<>();
        lock.lock();
        try {
            Instant now = clock.instant();
            while (!wakes.isEmpty() && !wakes.peek().at().isAfter(now)) {
                Slot s = slots.get(wakes.poll().id());
                if (s != null) {
                    due.add(s);
                }
            }
        } finally {
            lock.unlock();
        }
        return new ArrayList<>(due);
    }

    private boolean dispatch(Slot s) {
        synchronized (s) {
            Optional<Instant> at = wakeOf(s);
            if (s.inFlight || at.isEmpty() || at.get().isAfter(clock.instant())) {
                return false;
            }
            s.inFlight = true;
        }
        try {
            activeMessages.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (s) {
                s.inFlight = false;
            }
            return false;
        }
        lock.lock();
        try {
            active++;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("delivery-" + s.message.id()).start(() -> {
            boolean gone = false;
            try {
                gone = run.run(s);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, s.message.id() + ": delivery run failed: " + e, e);
            } finally {
                finish(s, gone);
            }
        });
        return true;
    }

    private void finish(Slot s, boolean gone) {
        try {
            if (gone) {
                slots.remove(s.message.id());
            } else if (operator.applyPending(s)) {
                schedule(s);
            }
        } finally {
            activeMessages.release();
            lock.lock();
            try {
                active--;
                if (active == 0) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** When {@code s} next needs attention, if ever (held messages never). Caller holds the slot's monitor. */
    private Optional<Instant> wakeOf(Slot s) {
        MessageState st = s.state;
        if (st.held()) {
            return Optional.empty();
        }
        Optional<Instant> at = st.nextAttempt();
        for (int i = 0; i < st.recipients().size(); i++) {
            RecipientState r = st.recipients().get(i);
            if (r.dsnOwed()) {
                at = min(at, s.dsnRetryAt.orElse(clock.instant()));
            }
            at = min(at, outcomes.delayWarningAt(s.message, i, r));
        }
        if (st.isComplete()) {
            at = min(at, Optional.of(clock.instant()));
        }
        return at;
    }

    private static Optional<Instant> min(Optional<Instant> a, Optional<Instant> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
    }

    private static Optional<Instant> min(Optional<Instant> a, Instant b) {
        return min(a, Optional.of(b));
    }

    void schedule(Slot s) {
        Optional<Instant> at;
        synchronized (s) {
            at = wakeOf(s);
        }
        at.ifPresent(when -> {
            lock.lock();
            try {
                wakes.add(new Wake(when, s.message.id()));
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    static Duration dsnRetryDelay() {
        return DSN_RETRY;
    }

    // ---- operator commands (postqueue -f, postsuper -h/-H/-d): see QueueOperator ----

    /**
     * Makes every pending recipient of every message that is not held due now, and ends every
     * destination's suspension; the attempts that follow are real ones (the transport forgets
     * hosts it remembers as unreachable). Returns how many messages.
     */
    public int flush() {
        return operator.flush();
    }

    /**
     * Puts messages on hold ({@code hold}) or releases them; a released message is tried at once,
     * for real, as after a flush. Returns the ids found.
     */
    public List<QueueId> hold(Collection<QueueId> ids, boolean hold) throws IOException {
        return operator.hold(ids, hold);
    }

    /** Removes messages from the queue without notifying anyone; returns the ids found. */
    public List<QueueId> delete(Collection<QueueId> ids) throws IOException {
        return operator.delete(ids);
    }

    /** The messages in memory with their current state, for listings. */
    public List<QueueEntry> entries() {
        List<QueueEntry> list = new ArrayList<>();
        for (Slot s : slots.values()) {
            synchronized (s) {
                list.add(new QueueEntry(s.message, s.state));
            }
        }
        list.sort((a, b) -> a.id().compareTo(b.id()));
        return list;
    }

    /** The earliest time any message needs attention, if any (for tests and tools driving a clock). */
    public Optional<Instant> nextWake() {
        Optional<Instant> at = Optional.empty();
        for (Slot s : slots.values()) {
            synchronized (s) {
                at = min(at, wakeOf(s));
            }
        }
        return at;
    }

    /** Stops the scheduler and waits (up to {@code timeout}) for delivery runs to end. */
    public void stop(Duration timeout) throws InterruptedException {
        running = false;
        wakeUp();
        if (scheduler != null) {
            scheduler.join(timeout.toMillis() + 1);
        }
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (active > 0 && left > 0) {
                left = idle.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
