/**
 * The MTA: listeners on 25/587/465 roles, TLS, policy, local delivery, configuration and
 * {@code main}. Run with {@code java -p dist/modules -m smtp.server}.
 */
module smtp.server {
    exports smtp.server;

    requires smtp.wire;    // commands and replies
    requires smtp.session; // the server state machine
    requires smtp.dns;     // MX routing and the lookups of SPF/DMARC
    requires smtp.auth;    // SPF, DKIM, DMARC on inbound mail; DKIM signing on submission
    requires smtp.queue;   // the durable spool and outbound delivery
}
