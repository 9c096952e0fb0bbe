package smtp.queue.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import smtp.queue.Delivery;
import smtp.queue.DeliveryOutcome;
import smtp.queue.Diagnostic;
import smtp.queue.MessageState;
import smtp.queue.QueueLimits;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.RecipientState;
import smtp.queue.Route;
import smtp.queue.Router;
import smtp.wire.Reply;

/**
 * One delivery attempt of one message: the due recipients grouped by route and delivered in
 * parallel (one transaction per group), their new states written, owed DSNs queued
 * ({@link DsnQueuer}), and the message removed once nothing is left to do. Logs one line per
 * recipient ({@link DeliveryLog}).
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.4.1 (one copy per destination server; a limit of recipients per transaction;
 * concurrent transactions with limits, {@link DeliveryLimits}; "The sender MUST delay retrying a
 * particular destination after one attempt has failed": recipients whose destination is
 * suspended ({@link DestinationBackoff}) are not tried and wait for it, which is not an
 * attempt, nor is a delivery the transport did not even try,
 * {@link DeliveryOutcome.NotAttempted}; a run the operator asked for tells the transport so,
 * {@link Delivery#operatorRequest()}), §6.1 (notifications), RFC 3461 §5.2 (which DSN).
 */
final class DeliveryRun {

    private static final System.Logger LOG = System.getLogger("smtp.queue");

    private record Job(Route route, List<Integer> indexes) {
    }

    /** What became of one job: the transport's outcomes, or nothing tried because its destination is suspended. */
    private sealed interface Result permits Result.Attempted, Result.Postponed {
        record Attempted(List<DeliveryOutcome> outcomes) implements Result {
        }

        record Postponed(DestinationBackoff.Suspension suspension) implements Result {
        }
    }

    private final Spool spool;
    private final Clock clock;
    private final Router router;
    private final QueueLimits limits;
    private final Outcomes outcomes;
    private final DsnQueuer dsns;
    private final DeliveryLimits concurrency;
    private final DestinationBackoff backoff;

    DeliveryRun(Spool spool, Clock clock, Router router, QueueLimits limits, Outcomes outcomes, DsnQueuer dsns,
                DestinationBackoff backoff) {
        this.spool = spool;
        this.clock = clock;
        this.router = router;
        this.limits = limits;
        this.outcomes = outcomes;
        this.dsns = dsns;
        this.concurrency = new DeliveryLimits(limits);
        this.backoff = backoff;
    }

    /** Runs one attempt; true when the message left the queue (done, or quarantined). */
    boolean run(Slot s) {
        QueuedMessage m = s.message;
        MessageState before;
        boolean operatorRequest;
        synchronized (s) {
            before = s.state;
            operatorRequest = s.operatorRequest;
            s.operatorRequest = false;
        }
        if (before.held()) {
            return false;
        }
        Instant now = clock.instant();
        AtomicReference<String> corrupt = new AtomicReference<>();
        MessageState st = deliverDue(m, before, now, operatorRequest, corrupt);
        if (corrupt.get() != null) {
            spool.quarantine(m.id(), corrupt.get());
            return true;
        }
        st = markDelayWarnings(m, st);
        try {
            // A message with nothing left to do is removed below; its last state need not be written first.
            if (!st.equals(before) && !st.isComplete()) {
                spool.recordProgress(m, st);
            }
        } catch (IOException e) {
            // Keep the new state in memory so that delivered recipients are not tried again now.
            LOG.log(Level.ERROR, m.id() + ": cannot write queue state: " + e);
        }
        synchronized (s) {
            s.state = st;
        }
        if (st.recipients().stream().anyMatch(RecipientState::dsnOwed)) {
            Optional<MessageState> after = dsns.queue(s, st, now);
            if (after.isEmpty()) {
                return true;
            }
            st = after.get();
        }
        if (st.isComplete()) {
            try {
                spool.deleteCompleted(m.id());
                LOG.log(Level.INFO, m.id() + ": removed");
                return true;
            } catch (IOException e) {
                LOG.log(Level.ERROR, m.id() + ": cannot remove from the spool: " + e);
            }
        }
        return false;
    }

    private MessageState deliverDue(QueuedMessage m, MessageState st, Instant now, boolean operatorRequest,
                                    AtomicReference<String> corrupt) {
        Map<Route, List<Integer>> groups = new LinkedHashMap<>();
        MessageState next = st;
        for (int i = 0; i < st.recipients().size(); i++) {
            if (!st.recipients().get(i).isDue(now)) {
                continue;
            }
            try {
                groups.computeIfAbsent(router.route(m.envelope().recipients().get(i)), k -> new ArrayList<>()).add(i);
            } catch (RuntimeException e) {
                Diagnostic d = Diagnostic.local(451, "4.3.0", "routing failed: " + e.getMessage());
                next = record(m, next, i, new DeliveryOutcome.Deferred(d), now, "none");
            }
        }
        List<Job> jobs = new ArrayList<>();
        groups.forEach((route, idx) -> {
            for (int from = 0; from < idx.size(); from += limits.maxRecipientsPerDelivery()) {
                jobs.add(new Job(route, idx.subList(from, Math.min(idx.size(), from + limits.maxRecipientsPerDelivery()))));
            }
        });
        if (jobs.isEmpty()) {
            return next;
        }
        List<Future<Result>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Job job : jobs) {
                results.add(pool.submit(() -> concurrency.run(job.route(), () -> deliver(m, job, operatorRequest, corrupt))));
            }
            for (int j = 0; j < jobs.size(); j++) {
                Job job = jobs.get(j);
                switch (result(results.get(j), job)) {
                    case Result.Attempted a -> {
                        noteDestination(job.route(), a.outcomes(), now);
                        for (int k = 0; k < job.indexes().size(); k++) {
                            next = record(m, next, job.indexes().get(k), a.outcomes().get(k), now, job.route().transport().name());
                        }
                    }
                    case Result.Postponed p -> {
                        for (int i : job.indexes()) {
                            next = postpone(m, next, i, job.route(), p.suspension(), now);
                        }
                    }
                }
            }
        }
        return next;
    }

    /** Runs under the concurrency limits: delivers the job, unless its destination is suspended. */
    private Result deliver(QueuedMessage m, Job job, boolean operatorRequest, AtomicReference<String> corrupt) {
        // Checked once a permit is held: deliveries that waited for one see an outage found meanwhile.
        Optional<DestinationBackoff.Suspension> suspended = backoff.suspended(job.route(), clock.instant());
        if (suspended.isPresent()) {
            return new Result.Postponed(suspended.get());
        }
        List<Recipient> rcpts = job.indexes().stream().map(i -> m.envelope().recipients().get(i)).toList();
        try {
            Delivery.Content content = () -> new CorruptionWatch(spool.openContent(m), corrupt);
            List<DeliveryOutcome> out = job.route().transport().deliver(new Delivery(m, rcpts, job.route().destination(), content,
                    operatorRequest));
            if (out.size() != rcpts.size()) {
                return all(rcpts.size(), "transport " + job.route().transport().name() + " returned "
                        + out.size() + " outcomes for " + rcpts.size() + " recipients");
            }
            return new Result.Attempted(out);
        } catch (CorruptMessageException e) {
            corrupt.set(e.getMessage());
            return all(rcpts.size(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            return all(rcpts.size(), "local error: " + e);
        }
    }

    /**
     * RFC 5321 §4.5.4.1: a destination that failed as a whole is suspended until its next retry;
     * one that held a session is up again; one where nothing was tried
     * ({@link DeliveryOutcome.NotAttempted}) tells nothing, and its suspension, if any, stays.
     */
    private void noteDestination(Route route, List<DeliveryOutcome> out, Instant now) {
        Optional<DeliveryOutcome.Deferred> down = out.stream()
                .flatMap(o -> o instanceof DeliveryOutcome.Deferred d && d.destinationDown() ? java.util.stream.Stream.of(d)
                        : java.util.stream.Stream.empty())
                .findFirst();
        if (down.isPresent()) {
            backoff.failed(route, now, down.get().diagnostic());
        } else if (!out.stream().allMatch(o -> o instanceof DeliveryOutcome.NotAttempted)) {
            backoff.reached(route);
        }
    }

    /** A due recipient not tried because its destination is suspended: it waits for the suspension's end. */
    private MessageState postpone(QueuedMessage m, MessageState st, int i, Route route, DestinationBackoff.Suspension s,
                                  Instant now) {
        Diagnostic reason = s.reason();
        Diagnostic why = new Diagnostic(Reply.of(451, reason.status(), "delivery to " + route.destination()
                + " temporarily suspended: " + reason.summary()), reason.remoteMta(), false);
        RecipientState before = st.recipients().get(i);
        RecipientState next = outcomes.postponed(m, i, before, s.until(), why, now);
        DeliveryLog.recipient(m, i, next, why, true, route.transport().name(), now);
        return st.with(i, next);
    }

    private static Result result(Future<Result> f, Job job) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return all(job.indexes().size(), "local error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all(job.indexes().size(), "interrupted");
        }
    }

    private static Result all(int n, String why) {
        DeliveryOutcome d = new DeliveryOutcome.Deferred(Diagnostic.local(451, "4.3.0", why));
        return new Result.Attempted(java.util.Collections.nCopies(n, d));
    }

    private MessageState record(QueuedMessage m, MessageState st, int i, DeliveryOutcome outcome, Instant now, String transport) {
        RecipientState next = outcomes.apply(m, i, st.recipients().get(i), outcome, now);
        DeliveryLog.recipient(m, i, next, outcome.diagnostic(), temporary(outcome), transport, now);
        return st.with(i, next);
    }

    /** Whether {@code outcome} leaves the recipient to be tried again (so that a failure after it is "gave up"). */
    private static boolean temporary(DeliveryOutcome outcome) {
        return switch (outcome) {
            case DeliveryOutcome.Delivered d -> false;
            case DeliveryOutcome.Failed f -> false;
            case DeliveryOutcome.Deferred d -> true;
            case DeliveryOutcome.NotAttempted n -> true;
        };
    }

    private MessageState markDelayWarnings(QueuedMessage m, MessageState st) {
        Instant now = clock.instant();
        MessageState next = st;
        for (int i = 0; i < st.recipients().size(); i++) {
            RecipientState r = st.recipients().get(i);
            Optional<Instant> at = outcomes.delayWarningAt(m, i, r);
            if (at.isPresent() && !at.get().isAfter(now)) {
                next = next.with(i, new RecipientState(r.status(), r.attempts(), r.lastAttempt(), r.nextAttempt(),
                        r.diagnostic(), true, r.delayReported()));
            }
        }
        return next;
    }
}
