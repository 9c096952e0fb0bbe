package smtp.queue;

import java.io.IOException;
import java.util.List;

/**
 * A way to deliver messages: SMTP to the next hop (built in), or local delivery (Maildir,
 * LMTP...) plugged in by the server. Also a service ({@code uses smtp.queue.Transport}), so a
 * module can provide one that {@link MailQueue} finds by {@link #name()}.
 *
 * <p>Called on a virtual thread; may block. The queue limits how many calls run at once, in
 * total and per destination.
 */
public interface Transport {

    /** A short name for configuration and logs, e.g. {@code smtp} or {@code maildir}. */
    String name();

    /**
     * Delivers the message to the delivery's recipients and returns one outcome per recipient,
     * in the same order. Failures of the destination are outcomes, not exceptions.
     *
     * @throws IOException for trouble reading the message or a failure of this host; every
     *                     recipient of the delivery is then deferred (a damaged spool file,
     *                     {@code CorruptMessageException}, is quarantined instead)
     */
    List<DeliveryOutcome> deliver(Delivery delivery) throws IOException;
}
