package smtp.session.internal.server;

import java.util.Locale;
import java.util.Set;
import smtp.session.Extension;
import smtp.session.SessionState;
import smtp.wire.Replies;
import smtp.wire.Unknown;

/**
 * RSET, VRFY, EXPN, QUIT, STARTTLS and unknown verbs (NOOP and HELP are one-liners in
 * {@link ServerMachine}).
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>RFC 5321 §4.1.1.5: RSET aborts the transaction; "The NOOP, HELP, EXPN, VRFY, and RSET
 *     commands can be used at any time during a session" (§4.1.4).</li>
 * <li>RFC 5321 §3.5.3: a server that does not verify answers VRFY/EXPN with 252; the policy's
 *     answer is held to the codes of §4.3.2 ({@link PolicyReplies}).</li>
 * <li>RFC 5321 §4.1.1.10: QUIT gets 221 and the server closes.</li>
 * <li>RFC 3207 §4: STARTTLS gets "220 Ready to start TLS", then the handshake; the session
 *     restarts after it (§4.2), and nothing the client pipelined after STARTTLS is executed.</li>
 * <li>RFC 5321 §4.2.4: 500 for an unrecognized verb, 502 for one recognized but not implemented.</li>
 * </ul>
 */
final class OtherCommands {

    /** Verbs of RFC 821/5321 Appendix F and of other extensions: recognized, not implemented (502). */
    private static final Set<String> NOT_IMPLEMENTED = Set.of("SEND", "SOML", "SAML", "TURN", "ETRN", "ATRN", "BURL");
    /** HTTP verbs: a browser or proxy talking to the SMTP port (ALPACA class attacks); close at once. */
    private static final Set<String> CROSS_PROTOCOL = Set.of("GET", "POST", "PUT", "HEAD", "CONNECT", "OPTIONS", "DELETE");

    private final ServerMachine m;

    OtherCommands(ServerMachine m) {
        this.m = m;
    }

    void rset() {
        // RFC 5321 §4.1.1.5: "any stored sender, recipients, and mail data MUST be discarded, and all
        // buffers and state tables cleared".
        m.abortTransaction();
        m.send(SessionReplies.RESET_OK);
    }

    void vrfy(String argument) {
        m.send(m.config.vrfyEnabled() ? PolicyReplies.VRFY.normalise(m.policy.verify(m.connection, argument)) : Replies.CANNOT_VRFY);
    }

    void expn(String argument) {
        m.send(m.config.expnEnabled() ? PolicyReplies.EXPN.normalise(m.policy.expand(m.connection, argument)) : Replies.CANNOT_EXPN);
    }

    void quit() {
        // RFC 5321 §4.1.1.10: "The receiver MUST send a "221 OK" reply, and then close the transmission channel."
        m.abortTransaction();
        m.send(SessionReplies.quit(m.config.hostname().toString()));
        m.state = SessionState.CLOSED;
        m.emitClose();
    }

    void startTls() {
        if (!m.config.offers(Extension.STARTTLS)) {
            m.error(Replies.NOT_IMPLEMENTED);
        } else if (m.tls.isPresent()) {
            m.error(SessionReplies.TLS_ACTIVE);
        } else if (!m.extended) {
            m.error(SessionReplies.EHLO_FIRST);
        } else if (m.transaction != null) {
            m.error(SessionReplies.IN_TRANSACTION);
        } else {
            m.send(SessionReplies.READY_FOR_TLS);
            m.state = SessionState.TLS_HANDSHAKE;
            m.emitStartTls();
        }
    }

    void unknown(Unknown u) {
        String verb = u.verb().toUpperCase(Locale.ROOT);
        if (CROSS_PROTOCOL.contains(verb)) {
            m.send(SessionReplies.CROSS_PROTOCOL);
        } else if (NOT_IMPLEMENTED.contains(verb)) {
            m.error(Replies.NOT_IMPLEMENTED);
        } else {
            m.error(Replies.COMMAND_UNRECOGNIZED);
        }
    }
}
