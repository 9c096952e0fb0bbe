package smtp.session;

/**
 * The states of a {@link ServerSession}, RFC 5321 §4.1.4 and §3.3, with the extension states
 * of RFC 3207 (TLS handshake), RFC 4954 (SASL exchange) and RFC 3030 (BDAT).
 */
public enum SessionState {
    /** Connected; {@link ServerSession#greeting()} not yet called. */
    CONNECTED,
    /** Greeted with 220; waiting for EHLO or HELO (also right after a TLS handshake, RFC 3207 §4.2). */
    GREETED,
    /** Greeted with 554 (RFC 5321 §3.1): everything but QUIT gets 503. */
    REJECTED,
    /** EHLO or HELO done; no mail transaction open. */
    READY,
    /** MAIL accepted; no recipient yet. */
    MAIL,
    /** At least one RCPT accepted. */
    RCPT,
    /** Receiving the message after 354 (RFC 5321 §4.1.1.4). */
    DATA,
    /** Receiving the octets of a BDAT chunk (RFC 3030 §2). */
    BDAT,
    /** Between BDAT chunks of one transaction; only BDAT, RSET, NOOP, QUIT follow (RFC 3030 §2). */
    CHUNKING,
    /** In a SASL exchange after AUTH (RFC 4954 §4); lines are responses, not commands. */
    AUTH,
    /** 220 sent to STARTTLS; input is discarded until the handshake completes (RFC 3207 §4.2). */
    TLS_HANDSHAKE,
    /** Closed: after 221 or 421; no further input is read. */
    CLOSED
}
