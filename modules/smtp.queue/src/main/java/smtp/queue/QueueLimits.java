package smtp.queue;

/**
 * How much delivery work runs at once. RFC 5321 §4.5.4.1: "the SMTP client MAY support
 * multiple concurrent outgoing mail transactions. However, some limit may be appropriate to
 * protect the host from devoting all its resources to mail"; and "if there are very many
 * addresses, a limit on the number of RCPT commands per MAIL command MAY be imposed".
 *
 * @param maxDeliveries         deliveries (connections) at once, in total (default 100)
 * @param maxPerDestination     deliveries at once to one destination (domain or relay) (default 20,
 *                              as Postfix's {@code default_destination_concurrency_limit})
 * @param maxRecipientsPerDelivery recipients per transaction (default 100: RFC 5321 §4.5.3.1.8
 *                              says a server must accept at least 100)
 * @param maxActiveMessages     messages being worked on at once (default 1000); the rest wait
 *                              in the queue, so that a large backlog does not fill memory
 */
public record QueueLimits(int maxDeliveries, int maxPerDestination, int maxRecipientsPerDelivery, int maxActiveMessages) {

    /** 100 deliveries, 20 per destination, 100 recipients per transaction, 1000 active messages. */
    public static final QueueLimits DEFAULT = new QueueLimits(100, 20, 100, 1000);

    public QueueLimits {
        if (maxDeliveries < 1 || maxPerDestination < 1 || maxRecipientsPerDelivery < 1 || maxActiveMessages < 1) {
            throw new IllegalArgumentException("every limit is at least 1");
        }
    }
}
