package smtp.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link OutboundMessage} in a {@link ClientSession}: one
 * {@link RecipientResult} per recipient of its envelope, in the envelope's order.
 *
 * @param message      the message
 * @param recipients   the per-recipient outcomes
 * @param dsnSupported whether the server offered DSN (RFC 3461 §5.2: when it did not, a
 *                     NOTIFY=SUCCESS recipient gets a "relayed" DSN from us)
 * @param tls          the TLS session the message went over, if any
 */
public record DeliveryResult(OutboundMessage message, List<RecipientResult> recipients, boolean dsnSupported,
                             Optional<TlsInfo> tls) {

    public DeliveryResult {
        Objects.requireNonNull(message, "message");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(tls, "tls");
    }

    /** True when every recipient was delivered. */
    public boolean allDelivered() {
        return recipients.stream().allMatch(r -> r instanceof RecipientResult.Delivered);
    }
}
