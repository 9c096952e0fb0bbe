package smtp.session;

/**
 * The point of an SMTP client session at which a recipient's outcome was decided, for DSNs
 * (RFC 3464 §2.3.6 Diagnostic-Code) and logs ("after RCPT TO").
 */
public enum Stage {
    /** Before or while connecting; the connection was refused or lost before the greeting. */
    CONNECT,
    /** The 220 (or 554) greeting. */
    GREETING,
    /** EHLO or HELO. */
    HELLO,
    /** STARTTLS and the TLS handshake. */
    STARTTLS,
    /** AUTH. */
    AUTH,
    /** MAIL FROM, or the checks before it (SIZE, 8BITMIME, SMTPUTF8). */
    MAIL,
    /** RCPT TO. */
    RCPT,
    /** The DATA command (before 354) or a BDAT command. */
    DATA,
    /** The reply after the end of the message data. */
    MESSAGE
}
