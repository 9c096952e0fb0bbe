package smtp.session.internal.client;

import smtp.wire.Reply;

/**
 * The replies a client session makes up itself, for outcomes that no remote reply explains
 * (RFC 3464 §2.3.6 still needs a status and a text for the DSN).
 */
final class ClientReplies {

    private ClientReplies() {
    }

    /** RFC 3463 X.4.2 "Bad connection". */
    static final Reply CONNECTION_LOST = Reply.of(421, "4.4.2", "Connection lost");
    static final Reply TIMEOUT = Reply.of(421, "4.4.2", "Timeout waiting for the server's reply");
    static final Reply WRITE_TIMEOUT = Reply.of(421, "4.4.2", "Timeout sending to the server: it stopped reading");
    /** RFC 3463 X.4.1 "No answer from host". */
    static Reply connectFailed(String reason) {
        return Reply.of(421, "4.4.1", "Cannot connect: " + reason);
    }
    /** RFC 3463 X.7.4 "Security features not supported". */
    static final Reply TLS_NOT_OFFERED = Reply.of(451, "4.7.4", "TLS is required, but the server does not offer STARTTLS");
    /** RFC 3463 X.7.5 "Cryptographic failure". */
    static Reply tlsFailed(String reason) {
        return Reply.of(421, "4.7.5", "TLS handshake failed: " + reason);
    }
    static final Reply AUTH_NEEDS_TLS = Reply.of(451, "4.7.0", "Authentication is configured only over TLS, and TLS is not active");
    static final Reply AUTH_NOT_OFFERED = Reply.of(451, "4.7.0", "The server offers no configured SASL mechanism");
    static Reply authFailed(String reason) {
        return Reply.of(451, "4.7.0", "Authentication failed: " + reason);
    }
    /** RFC 3463 X.5.0 "Other or undefined protocol status". */
    static Reply protocolError(String what) {
        return Reply.of(421, "4.5.0", "Protocol error: " + what);
    }
    /** RFC 1870 §6.3 / RFC 3463 X.3.4 "Message too big for system". */
    static Reply tooBig(long size, long limit) {
        return Reply.of(552, "5.3.4", "Message of " + size + " octets exceeds the server's SIZE limit of " + limit);
    }
    /** RFC 6152 §3 / RFC 3463 X.6.3 "Conversion required but not supported". */
    static final Reply NEEDS_8BITMIME = Reply.of(554, "5.6.3",
            "The message has 8-bit content and the server does not offer 8BITMIME");
    static final Reply NEEDS_BINARYMIME = Reply.of(554, "5.6.3",
            "The message is binary (BODY=BINARYMIME) and the server does not offer BINARYMIME with CHUNKING");
    /** RFC 6531 §3.2 / RFC 5248 X.6.7 "Non-ASCII addresses not permitted". */
    static final Reply NEEDS_SMTPUTF8 = Reply.of(553, "5.6.7",
            "The message needs SMTPUTF8 (non-ASCII addresses or headers) and the server does not offer it");
}
