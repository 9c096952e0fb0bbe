package smtp.queue.internal;

import java.time.Instant;
import java.util.Optional;
import smtp.queue.DeliveryOutcome;
import smtp.queue.Diagnostic;
import smtp.queue.DsnConfig;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.RecipientState;
import smtp.queue.RecipientStatus;
import smtp.queue.RetryPolicy;
import smtp.queue.Router;
import smtp.wire.Mailbox;
import smtp.wire.Notify;
import smtp.wire.NullPath;
import smtp.wire.Path;

/**
 * The rules that turn a delivery outcome into a recipient's next state, and that decide which
 * DSNs are owed and to whom. Pure functions of their arguments and the two policies.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.4.1 (retry, give up), §4.2.1 (4yz transient, 5yz permanent), §4.5.5 and §6.1
 * (no notification about a notification; notifications go to the reverse-path),
 * RFC 3461 §4.1 (NOTIFY), §5.2.1–§5.2.6 (which event owes which DSN).
 */
final class Outcomes {

    private final RetryPolicy retry;
    private final DsnConfig dsn;

    Outcomes(RetryPolicy retry, DsnConfig dsn) {
        this.retry = retry;
        this.dsn = dsn;
    }

    /** The state of recipient {@code index} after {@code outcome} at {@code now}. */
    RecipientState apply(QueuedMessage m, int index, RecipientState s, DeliveryOutcome outcome, Instant now) {
        Recipient r = m.envelope().recipients().get(index);
        int attempts = s.attempts() + 1;
        Optional<Instant> last = Optional.of(now);
        return switch (outcome) {
            case DeliveryOutcome.Delivered d -> {
                RecipientStatus status = d.handoff() == DeliveryOutcome.Handoff.RELAY_NON_CONFORMING
                        ? RecipientStatus.RELAYED : RecipientStatus.DELIVERED;
                // RFC 3461 §5.2.1: a conforming next hop got NOTIFY and ORCPT and owes the DSNs now.
                boolean owed = d.handoff() != DeliveryOutcome.Handoff.RELAY_CONFORMING && owes(m, r, status);
                yield new RecipientState(status, attempts, last, now, Optional.of(d.diagnostic()), owed, s.delayReported());
            }
            // RFC 5321 §4.2.1: a 5yz reply means "do not repeat the exact request".
            case DeliveryOutcome.Failed f -> new RecipientState(RecipientStatus.FAILED, attempts, last, now,
                    Optional.of(f.diagnostic()), owes(m, r, RecipientStatus.FAILED), s.delayReported());
            case DeliveryOutcome.Deferred d -> deferred(m, r, s, d.diagnostic(), attempts, now);
        };
    }

    private RecipientState deferred(QueuedMessage m, Recipient r, RecipientState s, Diagnostic d, int attempts, Instant now) {
        boolean notification = m.envelope().isNotification();
        // RFC 5321 §4.5.4.1: "Retries continue until the message is transmitted or the sender gives up".
        if (retry.expired(now, m.arrival(), notification)) {
            return new RecipientState(RecipientStatus.FAILED, attempts, Optional.of(now), now, Optional.of(d),
                    owes(m, r, RecipientStatus.FAILED), s.delayReported());
        }
        Instant next = retry.nextAttempt(now, attempts, m.arrival(), notification);
        return new RecipientState(RecipientStatus.PENDING, attempts, Optional.of(now), next, Optional.of(d),
                s.dsnOwed(), s.delayReported());
    }

    /**
     * The state of a due recipient that was not tried because its destination is suspended
     * until {@code until} (RFC 5321 §4.5.4.1: "The sender MUST delay retrying a particular
     * destination after one attempt has failed"): not an attempt, so the count stays; it waits
     * for the suspension's end, at most until the message's expiry. At or after the expiry it
     * fails as any temporary failure then does.
     */
    RecipientState postponed(QueuedMessage m, int index, RecipientState s, Instant until, Diagnostic why, Instant now) {
        boolean notification = m.envelope().isNotification();
        if (retry.expired(now, m.arrival(), notification)) {
            return deferred(m, m.envelope().recipients().get(index), s, why, s.attempts(), now);
        }
        Instant expiry = retry.expiry(m.arrival(), notification);
        return new RecipientState(RecipientStatus.PENDING, s.attempts(), s.lastAttempt(),
                until.isAfter(expiry) ? expiry : until, Optional.of(why), s.dsnOwed(), s.delayReported());
    }

    /**
     * When a "delayed" DSN becomes due for a pending recipient, if ever: after the configured
     * warning time, once, only if the sender wants DELAY (RFC 3461 §4.1; without NOTIFY we
     * assume FAILURE,DELAY) and never for a null reverse-path (RFC 5321 §4.5.5).
     */
    Optional<Instant> delayWarningAt(QueuedMessage m, int index, RecipientState s) {
        if (s.status() != RecipientStatus.PENDING || s.delayReported() || s.dsnOwed()
                || m.envelope().isNotification() || retry.delayWarning().isEmpty()
                || !m.envelope().recipients().get(index).wants(Notify.DELAY)) {
            return Optional.empty();
        }
        return Optional.of(m.arrival().plus(retry.delayWarning().get()));
    }

    /** Whether entering {@code status} owes a DSN (before RFC 3461 §5.2.1's conforming-relay exception). */
    boolean owes(QueuedMessage m, Recipient r, RecipientStatus status) {
        if (m.envelope().isNotification()) {
            // RFC 5321 §4.5.4: "A queuing strategy MUST NOT send error messages in response to error
            // messages under any circumstances": a failed notification can only go to the postmaster
            // (RFC 5321 §4.5.5), and never when it was addressed to the postmaster already.
            return status == RecipientStatus.FAILED && dsn.postmaster().isPresent()
                    && !sameMailbox(dsn.postmaster().get(), r.mailbox());
        }
        return switch (status) {
            case PENDING -> r.wants(Notify.DELAY);
            case DELIVERED, RELAYED -> r.wants(Notify.SUCCESS);
            case FAILED -> r.wants(Notify.FAILURE);
        };
    }

    /**
     * Who receives a DSN about {@code m}: the reverse-path (RFC 5321 §6.1: "The recipient of this
     * notification MUST be the address from the envelope return path"; a source route "MUST be
     * stripped down to its final hop", which {@link Path#mailbox()} is), or the postmaster for a
     * failed notification; empty if nobody may receive one.
     */
    Optional<Mailbox> dsnRecipient(QueuedMessage m) {
        return switch (m.envelope().reversePath()) {
            case Path p -> Optional.of(p.mailbox());
            case NullPath n -> dsn.postmaster();
        };
    }

    static boolean sameMailbox(Mailbox a, Mailbox b) {
        // RFC 5321 §2.4: the local part is case-sensitive, the domain is not; "postmaster" is not (§4.1.1.3).
        boolean local = a.localPart().equals(b.localPart())
                || (a.localPart().equalsIgnoreCase("postmaster") && b.localPart().equalsIgnoreCase("postmaster"));
        return local && Router.destination(a.host()).equals(Router.destination(b.host()));
    }
}
