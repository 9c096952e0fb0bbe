package smtp.session.internal.server;

import smtp.wire.EnhancedStatus;
import smtp.wire.Reply;

/**
 * The replies the server session adds to {@link smtp.wire.Replies}, each with its RFC and its
 * enhanced status code (RFC 3463, RFC 5248).
 */
final class SessionReplies {

    private SessionReplies() {
    }

    // --- sequence (RFC 5321 §4.1.4, §3.3; 503 5.5.1) ---
    static final Reply HELLO_FIRST = Reply.of(503, "5.5.1", "Bad sequence of commands: send EHLO or HELO first");
    static final Reply EHLO_FIRST = Reply.of(503, "5.5.1", "Bad sequence of commands: send EHLO first");
    static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "Bad sequence of commands: a mail transaction is already open");
    static final Reply MAIL_FIRST = Reply.of(503, "5.5.1", "Bad sequence of commands: send MAIL first");
    static final Reply RCPT_AFTER_BDAT = Reply.of(503, "5.5.1", "Bad sequence of commands: RCPT after BDAT");
    static final Reply DATA_AFTER_BDAT = Reply.of(503, "5.5.1", "Bad sequence of commands: DATA and BDAT cannot be mixed");
    static final Reply IN_TRANSACTION = Reply.of(503, "5.5.1", "Bad sequence of commands: not permitted during a mail transaction");
    static final Reply REJECTED_SESSION = Reply.of(503, "5.5.1", "Bad sequence of commands: this session was refused; send QUIT");
    /** RFC 5321 §3.3 and RFC 2920 §3.1: DATA (or BDAT) with no accepted recipient. */
    static final Reply NO_VALID_RECIPIENTS = Reply.of(554, "5.5.1", "No valid recipients");

    // --- syntax ---
    /** RFC 5321 §2.3.8: lines end with CRLF; a bare LF is refused (SMTP smuggling defence). */
    static final Reply BARE_LF_COMMAND = Reply.of(500, "5.5.2", "Syntax error: command lines must end with CRLF");
    /** ALPACA-style cross-protocol requests (HTTP verbs sent to an SMTP port). */
    static final Reply CROSS_PROTOCOL = Reply.of(421, "4.7.0", "This is an SMTP server; closing transmission channel");

    // --- positive ---
    static final Reply RESET_OK = Reply.of(250, "2.0.0", "Reset OK");
    static final Reply NOOP_OK = Reply.of(250, "2.0.0", "OK");
    static final Reply HELP = Reply.of(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY EXPN HELP STARTTLS AUTH; see RFC 5321");

    // --- STARTTLS (RFC 3207 §4) ---
    static final Reply READY_FOR_TLS = Reply.of(220, "2.0.0", "Ready to start TLS");
    static final Reply TLS_ACTIVE = Reply.of(503, "5.5.1", "Bad sequence of commands: TLS is already active");
    /** RFC 3207 §4: "530 Must issue a STARTTLS command first". */
    static final Reply STARTTLS_FIRST = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");

    // --- AUTH (RFC 4954 §4, §6) ---
    static final Reply AUTH_OK = Reply.of(235, "2.7.0", "Authentication successful");
    static final Reply ALREADY_AUTHENTICATED = Reply.of(503, "5.5.1", "Bad sequence of commands: already authenticated");
    static final Reply AUTH_UNKNOWN_MECHANISM = Reply.of(504, "5.5.4", "Unrecognized authentication type");
    static final Reply AUTH_NEEDS_TLS = Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
    static final Reply AUTH_CANCELLED = Reply.of(501, "5.0.0", "Authentication cancelled");
    static final Reply AUTH_LINE_TOO_LONG = Reply.of(500, "5.5.6", "Authentication exchange line is too long");
    /** RFC 4954 §6: the credential store failed (a directory or database unavailable). */
    static final Reply AUTH_TEMPORARY_FAILURE = Reply.of(454, "4.7.0", "Temporary authentication failure");

    // --- local errors (RFC 5321 §4.2.3) ---
    static final Reply LOCAL_ERROR = Reply.of(451, "4.3.0", "Requested action aborted: local error in processing");

    // RFC 3463 §3.2 X.1.0 "Other address status", X.1.5 "Destination address valid"; §3.1 X.0.0.
    private static final EnhancedStatus SENDER_OK = EnhancedStatus.of(2, 1, 0);
    private static final EnhancedStatus RECIPIENT_OK = EnhancedStatus.of(2, 1, 5);
    private static final EnhancedStatus OK = EnhancedStatus.of(2, 0, 0);

    static Reply senderOk(String path) {
        return Reply.of(250, SENDER_OK, "Sender " + path + " OK");
    }

    static Reply recipientOk(String path) {
        return Reply.of(250, RECIPIENT_OK, "Recipient " + path + " OK");
    }

    static Reply chunkOk(long octets) {
        return Reply.of(250, OK, octets + " octets received");
    }

    static Reply quit(String hostname) {
        return Reply.of(221, OK, hostname + " Service closing transmission channel");
    }

    static Reply challenge(String base64) {
        return Reply.of(334, base64);
    }
}
