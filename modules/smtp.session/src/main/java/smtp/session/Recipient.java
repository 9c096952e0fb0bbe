package smtp.session;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import smtp.wire.ForwardPath;
import smtp.wire.Notify;
import smtp.wire.OriginalRecipient;
import smtp.wire.RcptParameters;

/**
 * One accepted recipient of a mail transaction with its delivery status notification
 * parameters (RFC 3461 §4.1, §4.2), as the queue persists it.
 *
 * @param forwardPath the forward-path of the RCPT command
 * @param notifyOn    {@code NOTIFY=}; empty when the client gave none (RFC 3461 §4.1: the
 *                    default is then FAILURE, and DELAY at the MTA's discretion)
 * @param orcpt       {@code ORCPT=}, the original recipient (RFC 3461 §4.2)
 */
public record Recipient(ForwardPath forwardPath, Set<Notify> notifyOn, Optional<OriginalRecipient> orcpt) {

    public Recipient {
        Objects.requireNonNull(forwardPath, "forwardPath");
        notifyOn = notifyOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notifyOn));
        Objects.requireNonNull(orcpt, "orcpt");
        // RFC 3461 §4.1: "NEVER" must not appear with any other keyword.
        if (notifyOn.contains(Notify.NEVER) && notifyOn.size() > 1) {
            throw new IllegalArgumentException("RFC 3461 §4.1: NEVER is exclusive");
        }
    }

    /** A recipient without DSN parameters. */
    public static Recipient of(ForwardPath forwardPath) {
        return new Recipient(forwardPath, Set.of(), Optional.empty());
    }

    /** The recipient of a RCPT command: its path and the DSN parameters it carried. */
    public static Recipient of(ForwardPath forwardPath, RcptParameters parameters) {
        return new Recipient(forwardPath, parameters.notifyOn(), parameters.orcpt());
    }

    /** The DSN parameters in RCPT form, for relaying to a server that offers DSN. */
    public RcptParameters rcptParameters() {
        return new RcptParameters(notifyOn, orcpt, java.util.List.of());
    }
}
