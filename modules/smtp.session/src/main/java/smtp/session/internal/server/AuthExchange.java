package smtp.session.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import smtp.session.Extension;
import smtp.session.SessionState;
import smtp.session.internal.sasl.CredentialStoreFailure;
import smtp.session.internal.sasl.SaslStep;
import smtp.session.internal.sasl.ServerMechanism;
import smtp.wire.Auth;
import smtp.wire.Replies;
import smtp.wire.Reply;

/**
 * The AUTH command and its SASL exchange, RFC 4954 §4.
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>"After an AUTH command has been successfully completed, no more AUTH commands may be issued
 *     in the same session. After a successful AUTH command completes, a server MUST reject any
 *     further AUTH commands with a 503 reply."</li>
 * <li>"The AUTH command is not permitted during a mail transaction. An AUTH command issued
 *     during a mail transaction MUST be rejected with a 503 reply."</li>
 * <li>"If the client wishes to cancel the authentication exchange, it issues a line with a single
 *     "*". If the server receives such a response, it MUST reject the AUTH command by sending a
 *     501 reply."</li>
 * <li>"If the server cannot [BASE64] decode any client response, it MUST reject the AUTH command
 *     with a 501 reply (with enhanced status code 5.5.2)."</li>
 * <li>An AUTH line (with initial response) up to 12288 octets is accepted; longer: 500 5.5.6.</li>
 * <li>538 5.7.11 on a cleartext channel unless configured; 504 5.5.4 for an unknown mechanism;
 *     535 5.7.8 for bad credentials; 235 2.7.0 on success. Additional data with success (SCRAM's
 *     server-final-message) goes out as a 334 challenge, answered by an empty line.</li>
 * <li>454 4.7.0 "Temporary authentication failure" (§6) when the credential store fails.</li>
 * </ul>
 */
final class AuthExchange {

    private final ServerMachine m;
    private ServerMechanism mechanism;
    /** The authorization identity once the mechanism succeeded, while its final data awaits the empty response. */
    private String pendingIdentity;
    /** AUTH exchanges that ended without success (cancelled, malformed or wrong credentials). */
    int failures;

    AuthExchange(ServerMachine m) {
        this.m = m;
    }

    void start(Auth auth) {
        if (!m.config.offers(Extension.AUTH) || m.config.authMechanisms().isEmpty()) {
            m.error(Replies.NOT_IMPLEMENTED);
            return;
        }
        if (!m.extended) {
            m.error(SessionReplies.EHLO_FIRST);
            return;
        }
        if (m.authIdentity.isPresent()) {
            m.error(SessionReplies.ALREADY_AUTHENTICATED);
            return;
        }
        if (m.transaction != null) {
            m.error(SessionReplies.IN_TRANSACTION);
            return;
        }
        if (m.tls.isEmpty() && !m.config.authWithoutTls()) {
            m.error(SessionReplies.AUTH_NEEDS_TLS);
            return;
        }
        String name = auth.mechanism().toUpperCase(Locale.ROOT);
        Optional<ServerMechanism> created = m.config.authMechanisms().contains(name)
                ? ServerMechanism.create(name, m.credentials) : Optional.empty();
        if (created.isEmpty()) {
            m.error(SessionReplies.AUTH_UNKNOWN_MECHANISM);
            return;
        }
        Optional<byte[]> initial = Optional.empty();
        if (auth.initialResponse().isPresent()) {
            // RFC 4954 §4: initial-response = base64 / "=" ; "=" is a zero-length response.
            String ir = auth.initialResponse().get();
            Optional<byte[]> decoded = ir.equals("=") ? Optional.of(new byte[0]) : decode(ir);
            if (decoded.isEmpty()) {
                m.error(Replies.AUTH_BAD_BASE64);
                return;
            }
            initial = decoded;
        }
        mechanism = created.get();
        Optional<byte[]> first = initial;
        step(() -> mechanism.start(first));
    }

    /** One line from the client during the exchange. */
    void response(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII);
        if (text.equals("*")) {
            abort(SessionReplies.AUTH_CANCELLED);
            return;
        }
        Optional<byte[]> decoded = decode(text);
        if (decoded.isEmpty()) {
            abort(Replies.AUTH_BAD_BASE64);
            return;
        }
        if (pendingIdentity != null) {
            // The answer to the additional data with success must be empty.
            if (decoded.get().length == 0) {
                succeed(pendingIdentity);
            } else {
                abort(SaslStep.MALFORMED);
            }
            return;
        }
        step(() -> mechanism.respond(decoded.get()));
    }

    /** Ends the exchange with a failure reply (counted as an error). */
    void abort(Reply reply) {
        if (mechanism != null || pendingIdentity != null) {
            failures++;
        }
        mechanism = null;
        pendingIdentity = null;
        m.state = SessionState.READY;
        m.error(reply);
    }

    /**
     * Runs one step of the mechanism. RFC 4954 §6: "454 4.7.0 Temporary authentication failure.
     * This response to the AUTH command indicates that the authentication failed due to a
     * temporary server failure": a credential store that throws (a directory down) is not the
     * client's fault, so it neither counts as a failed AUTH nor as a protocol error.
     */
    private void step(Supplier<SaslStep> next) {
        SaslStep step;
        try {
            step = next.get();
        } catch (CredentialStoreFailure e) {
            mechanism = null;
            pendingIdentity = null;
            m.state = SessionState.READY;
            m.send(SessionReplies.AUTH_TEMPORARY_FAILURE);
            return;
        }
        switch (step) {
            case SaslStep.Challenge c -> {
                m.state = SessionState.AUTH;
                m.emit(SessionReplies.challenge(Base64.getEncoder().encodeToString(c.data())));
            }
            case SaslStep.Success s -> {
                if (s.additional().isPresent()) {
                    pendingIdentity = s.identity();
                    m.state = SessionState.AUTH;
                    m.emit(SessionReplies.challenge(Base64.getEncoder().encodeToString(s.additional().get())));
                } else {
                    succeed(s.identity());
                }
            }
            case SaslStep.Failure f -> abort(f.reply());
        }
    }

    private void succeed(String identity) {
        mechanism = null;
        pendingIdentity = null;
        m.authIdentity = Optional.of(identity);
        m.state = SessionState.READY;
        m.send(SessionReplies.AUTH_OK);
    }

    /** Strict base64 (RFC 4648 §4, as RFC 4954 requires); empty when it is not. */
    private static Optional<byte[]> decode(String text) {
        if (text.length() % 4 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
