/**
 * The SMTP state machines, server and client (RFC 5321 §3, §4.1.4, §4.3), with the ESMTP
 * extensions and SASL. Sans-I/O: no sockets, no threads.
 */
module smtp.session {
    exports smtp.session;

    requires transitive smtp.wire; // commands, replies and paths appear in this module's API
}
