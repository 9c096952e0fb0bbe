/**
 * The durable queue: spool, retries (RFC 5321 §4.5.4), reliable delivery (§6) and delivery
 * status notifications (RFC 3461, RFC 3464).
 */
module smtp.queue {
    exports smtp.queue;

    requires transitive smtp.wire;    // envelopes carry paths and DSN parameters
    requires transitive smtp.session; // the client state machine delivers
    requires transitive smtp.dns;     // MX routing
}
