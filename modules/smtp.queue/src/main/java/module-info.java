/**
 * The durable mail queue: the spool that incoming mail is committed to (RFC 5321 §6.1), the
 * retry schedule (§4.5.4), the outbound SMTP delivery agent (§5.1, through the smtp.session
 * client), delivery status notifications (RFC 3461, RFC 3464) and queue administration.
 *
 * <h2>Standards</h2>
 * RFC 5321 §3.6, §4.5.4, §4.5.5, §5.1, §6.1; RFC 3461 §4, §5.2, §6; RFC 3464 §2; RFC 6522;
 * RFC 6533 §6; RFC 7505 §4.1; RFC 3207 §4.1 and RFC 7435 (opportunistic STARTTLS).
 *
 * <h2>Limits</h2>
 * Retry schedule and lifetimes: {@link smtp.queue.RetryPolicy}; concurrency:
 * {@link smtp.queue.QueueLimits}; SMTP delivery: {@link smtp.queue.DeliveryConfig}; group
 * commit: {@link smtp.queue.SpoolConfig}; DSNs: {@link smtp.queue.DsnConfig}. Each default is
 * documented there with its source.
 */
module smtp.queue {
    exports smtp.queue;

    requires transitive smtp.wire;    // envelopes carry paths, DSN parameters and replies
    requires transitive smtp.session; // the client state machine delivers; the server session stores through MessageStore
    requires transitive smtp.dns;     // MX routing (MxResolver) appears in SmtpTransport's factory

    // Local delivery (Maildir, LMTP...) is pluggable; a module may provide a Transport found by name.
    uses smtp.queue.Transport;
}
