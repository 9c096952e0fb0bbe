package smtp.queue;

import java.util.Objects;

/**
 * What happened to one recipient in a delivery attempt.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.2.1 and §4.5.4.1 (4yz: try again later; 5yz: do not repeat), RFC 3461 §5.2
 * (which DSN, if any, each kind of success owes).
 */
public sealed interface DeliveryOutcome permits DeliveryOutcome.Delivered, DeliveryOutcome.Deferred,
        DeliveryOutcome.Failed {

    /** The diagnostic for logs and DSNs. */
    Diagnostic diagnostic();

    /** Who took the message on, which decides the DSN for NOTIFY=SUCCESS (RFC 3461 §5.2). */
    enum Handoff {
        /** Delivered into a mailbox here: a "delivered" DSN if asked (RFC 3461 §5.2.3). */
        LOCAL_DELIVERY,
        /**
         * Relayed to a server that supports DSN, with NOTIFY and ORCPT passed on: that server now
         * owes the notifications, none is sent from here (RFC 3461 §5.2.1).
         */
        RELAY_CONFORMING,
        /** Relayed to a server without DSN support: a "relayed" DSN if asked (RFC 3461 §5.2.2). */
        RELAY_NON_CONFORMING
    }

    /** Accepted by the next hop or delivered locally. */
    record Delivered(Handoff handoff, Diagnostic diagnostic) implements DeliveryOutcome {
        public Delivered {
            Objects.requireNonNull(handoff, "handoff");
            Objects.requireNonNull(diagnostic, "diagnostic");
        }
    }

    /**
     * A temporary failure (4yz, no connection, timeout, DNS trouble): try again later.
     *
     * @param diagnostic      the reply or condition
     * @param destinationDown the destination as a whole could not be used: no host accepted a
     *                        session (connections refused or timed out, 421 or another 4yz at the
     *                        greeting or to EHLO). The queue then holds back every message for
     *                        that destination until its next retry (RFC 5321 §4.5.4.1: "The sender
     *                        MUST delay retrying a particular destination after one attempt has
     *                        failed"); false for a failure of this recipient or this message
     */
    record Deferred(Diagnostic diagnostic, boolean destinationDown) implements DeliveryOutcome {
        public Deferred {
            Objects.requireNonNull(diagnostic, "diagnostic");
        }

        /** A temporary failure of this recipient or message only. */
        public Deferred(Diagnostic diagnostic) {
            this(diagnostic, false);
        }
    }

    /** A permanent failure (5yz, null MX, no such domain): the recipient fails now. */
    record Failed(Diagnostic diagnostic) implements DeliveryOutcome {
        public Failed {
            Objects.requireNonNull(diagnostic, "diagnostic");
        }
    }
}
