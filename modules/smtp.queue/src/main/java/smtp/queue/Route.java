package smtp.queue;

import java.util.Objects;

/**
 * Where a recipient goes: a transport and the destination its recipients are grouped by.
 * Recipients of one message with equal routes are delivered in one {@link Delivery}, and the
 * per-destination concurrency limit counts deliveries per destination.
 *
 * @param transport   the transport
 * @param destination the grouping key: the recipient's domain (lower case), a relay host, a mailbox store
 */
public record Route(Transport transport, String destination) {

    public Route {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(destination, "destination");
    }

    @Override
    public boolean equals(Object o) {
        // Transports are compared by identity: two instances are two different ways out.
        return o instanceof Route r && r.transport == transport && r.destination.equals(destination);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(transport) * 31 + destination.hashCode();
    }
}
