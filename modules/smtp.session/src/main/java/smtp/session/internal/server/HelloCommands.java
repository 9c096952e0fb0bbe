package smtp.session.internal.server;

import java.util.ArrayList;
import java.util.List;
import smtp.session.Decision;
import smtp.session.Extension;
import smtp.session.SessionState;
import smtp.wire.Host;
import smtp.wire.Reply;

/**
 * EHLO and HELO, RFC 5321 §4.1.1.1 and §4.1.4, and the EHLO reply that lists the extensions.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.4: an accepted EHLO later in the session makes the server "clear all buffers and
 * reset the state exactly as if a RSET command had been issued"; a refused one leaves the state
 * as it was. RFC 5321 §4.1.1.1 {@code ehlo-ok-rsp}. RFC 3207 §4.2: STARTTLS is not listed once
 * TLS is active. RFC 4954 §4: AUTH is not listed on a cleartext channel unless configured.
 * RFC 1870 §4: {@code SIZE <limit>}.
 *
 * <h2>Diagnostics</h2>
 * 250 (multi-line after EHLO), or the policy's rejection held to §4.3.2 ({@link PolicyReplies#HELLO}:
 * 550, 504, 502, or 421 for a temporary one, which closes).
 */
final class HelloCommands {

    private final ServerMachine m;

    HelloCommands(ServerMachine m) {
        this.m = m;
    }

    void hello(Host host, boolean extended) {
        switch (m.policy.hello(m.connection, host, extended)) {
            // RFC 5321 §4.1.4: "The SMTP server MUST stay in the same state after transmitting these replies".
            case Decision.Reject r -> m.send(PolicyReplies.HELLO.normalise(r.reply()));
            case Decision.Accept a -> {
                m.abortTransaction();
                m.heloName = host;
                m.extended = extended;
                m.state = SessionState.READY;
                m.emit(extended ? ehloReply(host) : Reply.of(250, m.config.hostname().toString()));
            }
        }
    }

    /**
     * RFC 5321 §4.1.1.1:
     * <pre>
     * ehlo-ok-rsp = ( "250-" Domain [ SP ehlo-greet ] CRLF *( "250-" ehlo-line CRLF ) "250" SP ehlo-line CRLF )
     * </pre>
     */
    private Reply ehloReply(Host client) {
        List<String> lines = new ArrayList<>();
        lines.add(m.config.hostname() + " greets " + client);
        for (Extension e : Extension.values()) {
            if (!m.config.offers(e)) {
                continue;
            }
            switch (e) {
                case SIZE -> lines.add(m.config.maxMessageSize() > 0 ? "SIZE " + m.config.maxMessageSize() : "SIZE");
                // RFC 3207 §4.2: "The server MUST NOT return the STARTTLS extension in response to an
                // EHLO command received after a TLS handshake has completed."
                case STARTTLS -> {
                    if (m.tls.isEmpty()) {
                        lines.add("STARTTLS");
                    }
                }
                case AUTH -> {
                    if (authOffered()) {
                        lines.add("AUTH " + String.join(" ", m.config.authMechanisms()));
                    }
                }
                case PIPELINING, EIGHT_BIT_MIME, SMTPUTF8, ENHANCED_STATUS_CODES, DSN, CHUNKING -> lines.add(e.keyword());
            }
        }
        return new Reply(250, java.util.Optional.empty(), lines);
    }

    /** AUTH is offered with at least one mechanism, on TLS or where cleartext AUTH is configured. */
    boolean authOffered() {
        return m.config.offers(Extension.AUTH) && !m.config.authMechanisms().isEmpty()
                && (m.tls.isPresent() || m.config.authWithoutTls());
    }
}
