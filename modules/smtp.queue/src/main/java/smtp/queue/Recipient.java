package smtp.queue;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import smtp.wire.Mailbox;
import smtp.wire.Notify;
import smtp.wire.OriginalRecipient;
import smtp.wire.RcptParameters;

/**
 * One envelope recipient as the queue keeps it: the mailbox of the forward-path and the DSN
 * parameters of its RCPT command (RFC 3461 §4.1, §4.2).
 *
 * <p>The obsolete source route of a forward-path is not kept: RFC 5321 §3.6.1 says a server
 * "SHOULD" ignore it "and simply send to the final destination". {@code <Postmaster>} without
 * a domain is the server's to resolve (to its own postmaster mailbox) before queueing.
 *
 * @param mailbox the mailbox to deliver to
 * @param notifyOn {@code NOTIFY=}; empty when the client gave none (see {@link #wants})
 * @param orcpt   {@code ORCPT=}, reported as Original-Recipient in DSNs (RFC 3464 §2.3.1)
 */
public record Recipient(Mailbox mailbox, Set<Notify> notifyOn, Optional<OriginalRecipient> orcpt) {

    public Recipient {
        Objects.requireNonNull(mailbox, "mailbox");
        notifyOn = notifyOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notifyOn));
        Objects.requireNonNull(orcpt, "orcpt");
        // RFC 3461 §4.1: "NEVER" must appear alone.
        if (notifyOn.contains(Notify.NEVER) && notifyOn.size() > 1) {
            throw new IllegalArgumentException("RFC 3461 §4.1: NOTIFY=NEVER is exclusive");
        }
    }

    /** A recipient without DSN parameters. */
    public static Recipient of(Mailbox mailbox) {
        return new Recipient(mailbox, Set.of(), Optional.empty());
    }

    /** The recipient of a RCPT command: its mailbox and its NOTIFY and ORCPT parameters. */
    public static Recipient of(Mailbox mailbox, RcptParameters parameters) {
        return new Recipient(mailbox, parameters.notifyOn(), parameters.orcpt());
    }

    /**
     * Whether the sender asked for a DSN of this kind. RFC 3461 §4.1: without a NOTIFY
     * parameter, "the receiving MTA [...] MAY respond as if NOTIFY=FAILURE or
     * NOTIFY=FAILURE,DELAY had been specified": we use FAILURE,DELAY (Postfix and sendmail
     * warn about delays too). {@link Notify#NEVER} asks for nothing.
     */
    public boolean wants(Notify kind) {
        if (notifyOn.isEmpty()) {
            return kind == Notify.FAILURE || kind == Notify.DELAY;
        }
        return notifyOn.contains(kind);
    }

    /**
     * The RCPT parameters to pass on when relaying to a server that supports DSN
     * (RFC 3461 §5.2.1: NOTIFY and ORCPT travel with the message).
     */
    public RcptParameters parameters() {
        return new RcptParameters(notifyOn, orcpt, List.of());
    }
}
