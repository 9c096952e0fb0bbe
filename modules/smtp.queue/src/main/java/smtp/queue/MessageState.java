package smtp.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The mutable part of a queued message: whether an operator holds it, and one
 * {@link RecipientState} per envelope recipient (same order as {@link Envelope#recipients()}).
 *
 * @param id         the queue id
 * @param held       put on hold by an operator: not delivered until released
 * @param recipients one state per recipient
 */
public record MessageState(QueueId id, boolean held, List<RecipientState> recipients) {

    public MessageState {
        Objects.requireNonNull(id, "id");
        recipients = List.copyOf(recipients);
    }

    /** The state of a message just accepted: every recipient pending and due at {@code now}. */
    public static MessageState initial(QueueId id, int recipients, Instant now) {
        List<RecipientState> list = new ArrayList<>(recipients);
        for (int i = 0; i < recipients; i++) {
            list.add(RecipientState.initial(now));
        }
        return new MessageState(id, false, list);
    }

    /** The same state, held or released. */
    public MessageState withHeld(boolean hold) {
        return new MessageState(id, hold, recipients);
    }

    /** The same state with recipient {@code index} replaced. */
    public MessageState with(int index, RecipientState state) {
        List<RecipientState> list = new ArrayList<>(recipients);
        list.set(index, state);
        return new MessageState(id, held, list);
    }

    /** The same state with every recipient mapped. */
    public MessageState map(UnaryOperator<RecipientState> f) {
        return new MessageState(id, held, recipients.stream().map(f).toList());
    }

    /** Nothing left to do: every recipient is final and no DSN is owed; the message can go. */
    public boolean isComplete() {
        return recipients.stream().allMatch(r -> r.status().isFinal() && !r.dsnOwed());
    }

    /** The earliest next attempt of a pending recipient. */
    public Optional<Instant> nextAttempt() {
        return recipients.stream().filter(r -> r.status() == RecipientStatus.PENDING)
                .map(RecipientState::nextAttempt).min(Instant::compareTo);
    }

    /** The most recent diagnostic of any recipient, for listings. */
    public Optional<Diagnostic> lastDiagnostic() {
        return recipients.stream()
                .filter(r -> r.diagnostic().isPresent() && r.lastAttempt().isPresent())
                .max((a, b) -> a.lastAttempt().get().compareTo(b.lastAttempt().get()))
                .flatMap(RecipientState::diagnostic);
    }
}
