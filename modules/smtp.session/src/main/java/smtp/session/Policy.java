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
     * At connection. A 554 rejection makes the session answer 503 to everything but QUIT
     * (RFC 5321 §3.1); a 421 closes at once.
     */
    default Decision connect(ConnectionInfo connection) {
        return Decision.accept();
    }

    /** At EHLO or HELO (only 550 or 4yz make sense, RFC 5321 §4.3.2). */
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
        return Replies.CANNOT_VRFY;
    }
}
