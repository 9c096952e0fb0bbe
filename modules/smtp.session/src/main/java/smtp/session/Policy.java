package smtp.session;

import smtp.wire.ForwardPath;
import smtp.wire.Host;
import smtp.wire.MailParameters;
import smtp.wire.RcptParameters;
import smtp.wire.Replies;
import smtp.wire.Reply;
import smtp.wire.ReversePath;

/**
 * The decisions a {@link ServerSession} delegates to the MTA: who may connect, which
 * reverse-paths and forward-paths are acceptable (relay control, local users, SPF), and whether
 * a received message is accepted (DKIM, DMARC). Every method has a permissive default, which
 * suits tests; the server module implements the real policy. Answers are values: a
 * {@link Decision} or a {@link Reply}; temporary failures are 4yz rejections.
 *
 * <h2>Reply codes</h2>
 * The session sends only the codes RFC 5321 §4.3.2 lists for the command (plus 421, which closes
 * the session, and RFC 4954 §6's 530 "Authentication required" where a command may need it). A
 * rejection with another code is sent under a permitted code of the same class, keeping its
 * enhanced status code and text:
 * <table>
 * <caption>Codes kept, and what other codes become</caption>
 * <tr><th>method</th><th>kept</th><th>other 4yz</th><th>other 5yz</th></tr>
 * <tr><td>{@link #connect}</td><td>421, 554</td><td>421 (closes)</td><td>554</td></tr>
 * <tr><td>{@link #hello}</td><td>421, 502, 504, 550</td><td>421 (closes)</td><td>550</td></tr>
 * <tr><td>{@link #mail}</td><td>421, 451, 452, 455, 503, 530, 550, 552, 553, 555</td><td>451</td><td>550</td></tr>
 * <tr><td>{@link #recipient}</td><td>421, 450, 451, 452, 455, 503, 530, 550, 551, 552, 553, 555</td><td>450</td><td>550</td></tr>
 * <tr><td>{@link #message}</td><td>421, 450, 451, 452, 530, 550, 552, 554</td><td>451</td><td>554</td></tr>
 * <tr><td>{@link #verify}</td><td>250, 251, 252, 421, 502, 504, 530, 550, 551, 553</td><td>252</td><td>550</td></tr>
 * <tr><td>{@link #expand}</td><td>250, 252, 421, 500, 502, 504, 530, 550</td><td>252</td><td>550</td></tr>
 * </table>
 * For {@link #verify} and {@link #expand} any other 2yz or 3yz becomes 252. So a policy that
 * answers RCPT with "554 5.7.1 Relay access denied" is sent as "550 5.7.1 Relay access denied".
 *
 * <h2>Standards</h2>
 * RFC 5321 §3.1 (554 instead of 220 at connection), §4.1.4 (the EHLO argument MUST NOT be a
 * reason to refuse a message), §3.5 (VRFY and EXPN), §4.5.1 (postmaster MUST be accepted: a
 * policy must accept {@link smtp.wire.Postmaster}), §3.6 and §7.1 (relaying).
 */
public interface Policy {

    /** Accepts everything (and verifies nobody); for tests and benchmarks only. */
    Policy ACCEPT_ALL = new Policy() {
    };

    /**
     * At connection. A 5yz rejection is sent as 554, and the session answers 503 to everything
     * but QUIT (RFC 5321 §3.1); a 4yz one (greylisting, overload) is sent as 421 and closes at
     * once, so the client tries again later.
     */
    default Decision connect(ConnectionInfo connection) {
        return Decision.accept();
    }

    /**
     * At EHLO or HELO. RFC 5321 §4.3.2 lists 550 (and 504, 502) and no 4yz: a temporary
     * rejection is sent as 421 and closes the session.
     */
    default Decision hello(ConnectionInfo connection, Host host, boolean extended) {
        return Decision.accept();
    }

    /** At MAIL, after the session has checked sequence, syntax, SIZE and SMTPUTF8. */
    default Decision mail(Origin origin, ReversePath reversePath, MailParameters parameters) {
        return Decision.accept();
    }

    /** At RCPT, after the session has checked sequence, syntax and the recipient limit. */
    default Decision recipient(Origin origin, ReversePath reversePath, ForwardPath forwardPath,
                               RcptParameters parameters) {
        return Decision.accept();
    }

    /** At the end of the message data, before {@link MessageWriter#commit()}. */
    default Decision message(Envelope envelope, MessageContent content) {
        return Decision.accept();
    }

    /**
     * VRFY, only called when {@link ServerConfig#vrfyEnabled()}; RFC 5321 §3.5.3: 250 only for
     * a verified address, 252 when it cannot be verified, 550/551/553 for a bad one.
     */
    default Reply verify(ConnectionInfo connection, String argument) {
        return Replies.CANNOT_VRFY;
    }

    /** EXPN, only called when {@link ServerConfig#expnEnabled()}; 250 multi-line, 252, 550. */
    default Reply expand(ConnectionInfo connection, String argument) {
        return Replies.CANNOT_EXPN;
    }
}
