package smtp.wire;

/**
 * Ready-made replies for the conditions RFC 5321 and its extensions name, each with the
 * enhanced status code of RFC 3463 (and RFC 5248's registry). Sessions use these so that the
 * same condition always gets the same words.
 */
public final class Replies {

    private Replies() {
    }

    // --- syntax (RFC 5321 §4.2.2, §4.2.4) ---
    /** 500 5.5.1: command unrecognised (RFC 5321 §4.2.4). */
    public static final Reply COMMAND_UNRECOGNIZED = Reply.of(500, "5.5.1", "Command unrecognized");
    /** 500 5.5.2: syntax error, e.g. a line that is not valid UTF-8 or has a bare CR. */
    public static final Reply SYNTAX_ERROR = Reply.of(500, "5.5.2", "Syntax error");
    /** 500 5.5.6: command line too long (RFC 5321 §4.5.3.1.4, §4.2.2 "500 Line too long"). */
    public static final Reply LINE_TOO_LONG = Reply.of(500, "5.5.6", "Line too long");
    /** 501 5.5.4: syntax error in parameters or arguments. */
    public static final Reply BAD_ARGUMENTS = Reply.of(501, "5.5.4", "Syntax error in parameters or arguments");
    /** 501 5.1.3: bad address syntax in a forward-path or mailbox (RFC 3463 §3.2 X.1.3 "Bad destination mailbox address syntax"). */
    public static final Reply BAD_PATH = Reply.of(501, "5.1.3", "Bad address syntax");
    /** 501 5.1.7: bad address syntax in a reverse-path (RFC 3463 §3.2 X.1.7 "Bad sender's mailbox address syntax"). */
    public static final Reply BAD_SENDER_PATH = Reply.of(501, "5.1.7", "Bad sender address syntax");
    /** 500 5.5.2: a line containing an octet no command may contain (a control character such as NUL or a bare CR). */
    public static final Reply CONTROL_CHARACTER = Reply.of(500, "5.5.2", "Syntax error: control character in command line");
    /** 501 5.5.2: an AUTH initial response or client response that is not base64 (RFC 4954 §4). */
    public static final Reply AUTH_BAD_BASE64 = Reply.of(501, "5.5.2", "Cannot decode base64 response");
    /** 553 5.6.7: a non-ASCII reverse-path without the SMTPUTF8 parameter (RFC 6531 §4.2 registers X.6.7 with "Associated basic status code: 550, 553"). */
    public static final Reply NON_ASCII_SENDER = Reply.of(553, "5.6.7", "Non-ASCII addresses not permitted for that sender");
    /** 553 5.6.7: a non-ASCII forward-path in a transaction without SMTPUTF8 (RFC 6531 §4.2 registers X.6.7 with "Associated basic status code: 550, 553"). */
    public static final Reply NON_ASCII_RECIPIENT = Reply.of(553, "5.6.7", "Non-ASCII addresses not permitted for that recipient");
    /** 502 5.5.1: command not implemented (RFC 5321 §4.2.4). */
    public static final Reply NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "Command not implemented");
    /** 503 5.5.1: bad sequence of commands. */
    public static final Reply BAD_SEQUENCE = Reply.of(503, "5.5.1", "Bad sequence of commands");
    /** 504 5.5.4: command parameter not implemented. */
    public static final Reply PARAMETER_NOT_IMPLEMENTED = Reply.of(504, "5.5.4", "Command parameter not implemented");
    /** 555 5.5.4: MAIL FROM/RCPT TO parameters not recognized or not implemented (RFC 5321 §4.1.1.11). */
    public static final Reply PARAMETERS_NOT_RECOGNIZED = Reply.of(555, "5.5.4", "MAIL FROM/RCPT TO parameters not recognized or not implemented");

    // --- limits (RFC 5321 §4.5.3.1.9 gives the example replies) ---
    /**
     * 554 5.6.0: a text line of the message is too long (RFC 5321 §4.5.3.1.6: 1000 octets with
     * the CRLF). §4.5.3.1.10 names "500 Line too long" for over-long lines in general, but the
     * reply to the end of data can only be one §4.3.2 lists there ("250; E: 552, 554, 451, 452;
     * E: 450, 550"): 554 "Transaction failed", with RFC 3463 X.6.0 (a fault of the message content).
     */
    public static final Reply TEXT_LINE_TOO_LONG = Reply.of(554, "5.6.0", "Message refused: a text line is too long");
    /** 501 5.1.3: path too long (RFC 5321 §4.5.3.1.9: "501 Path too long"). */
    public static final Reply PATH_TOO_LONG = Reply.of(501, "5.1.3", "Path too long");
    /** 552 5.3.4: message too big for system (RFC 5321 §4.5.3.1.9 "552 Too much mail data", RFC 1870 §6). */
    public static final Reply MESSAGE_TOO_BIG = Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    /** 452 4.5.3: too many recipients (RFC 5321 §4.5.3.1.10). */
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Too many recipients");

    /** 421 4.5.0: a reply from a peer that is not a well-formed reply (RFC 5321 §4.2); the client closes the channel. */
    public static final Reply MALFORMED_REPLY = Reply.of(421, "4.5.0", "Malformed reply from peer");

    // --- transparency and smuggling (RFC 5321 §4.5.2, §2.3.8) ---
    /** 550 5.6.0: message rejected for a bare LF, bare CR or NUL in DATA (policy; the SMTP-smuggling defence). */
    public static final Reply BARE_LINE_ENDING = Reply.of(550, "5.6.0", "Message contains bare CR or LF, or NUL; lines must end with CRLF");

    // --- positive ---
    /** 250 2.0.0 OK. */
    public static final Reply OK = Reply.of(250, "2.0.0", "OK");
    /** 354: start mail input; end with CRLF.CRLF (RFC 5321 §4.1.1.4; no enhanced status on 3yz). */
    public static final Reply START_MAIL_INPUT = Reply.of(354, "End data with <CR><LF>.<CR><LF>");
    /** 252 2.1.5: cannot VRFY user, but will accept message and attempt delivery (RFC 5321 §3.5.3). */
    public static final Reply CANNOT_VRFY = Reply.of(252, "2.1.5", "Cannot VRFY user, but will accept message and attempt delivery");
    /** 252 2.1.5: the EXPN counterpart of {@link #CANNOT_VRFY} (RFC 5321 §3.5.3, §4.3.2 "EXPN S: 250, 252"). */
    public static final Reply CANNOT_EXPN = Reply.of(252, "2.1.5", "Cannot EXPN list, but will accept message and attempt delivery");

    // --- service ---
    /** 421 4.3.0: service not available, closing transmission channel. */
    public static final Reply SERVICE_NOT_AVAILABLE = Reply.of(421, "4.3.0", "Service not available, closing transmission channel");
    /** 421 4.4.2: timeout, closing the connection (RFC 5321 §4.5.3.2). */
    public static final Reply TIMEOUT = Reply.of(421, "4.4.2", "Timeout, closing transmission channel");
    /** 421 4.7.0: too many errors, closing the connection. */
    public static final Reply TOO_MANY_ERRORS = Reply.of(421, "4.7.0", "Too many errors, closing transmission channel");
}
