package smtp.session.internal.client;

import java.util.Base64;
import java.util.Optional;
import smtp.session.ClientCredentials;
import smtp.session.Extension;
import smtp.session.Stage;
import smtp.session.internal.sasl.ClientMechanism;
import smtp.wire.Reply;

/**
 * The client's AUTH exchange for one {@link ClientMachine}: chooses the mechanism, sends the
 * AUTH command and the responses to the server's challenges, and decides the outcome.
 *
 * <h2>Standards</h2>
 * RFC 4954 §4: {@code AUTH mechanism [initial-response]} ("=" for an empty one), 334 challenges
 * in base64, "*" to cancel ("the server answers 501"), 235 on success with the mechanism's
 * additional data (SCRAM's server signature, RFC 5802 §5, which the client checks); no
 * credentials over cleartext unless {@link ClientCredentials#cleartext()}.
 *
 * <h2>Diagnostics</h2>
 * Every failure ends the session through {@link ClientMachine#giveUp} with a temporary failure
 * of the recipients at {@link Stage#AUTH}: AUTH not offered or no common mechanism, TLS needed,
 * a challenge the mechanism refuses (cancelled with "*"), a server that fails its own proof, or
 * the server's refusal.
 */
final class AuthDialogue {

    private final ClientMachine m;
    private ClientMechanism mechanism;
    /** Why the exchange was cancelled with "*"; null while it runs. */
    private String cancelReason;

    AuthDialogue(ClientMachine m) {
        this.m = m;
    }

    void start(ClientCredentials credentials) {
        if (m.tls.isEmpty() && !credentials.cleartext()) {
            m.giveUp(ClientReplies.AUTH_NEEDS_TLS, Stage.AUTH, false);
            return;
        }
        Optional<ClientMechanism> chosen = m.capabilities.offers(Extension.AUTH)
                ? ClientMechanism.choose(credentials, m.capabilities.authMechanisms()) : Optional.empty();
        if (chosen.isEmpty()) {
            m.giveUp(ClientReplies.AUTH_NOT_OFFERED, Stage.AUTH, false);
            return;
        }
        mechanism = chosen.get();
        cancelReason = null;
        String line = "AUTH " + mechanism.name() + mechanism.initialResponse()
                .map(ir -> " " + (ir.length == 0 ? "=" : Base64.getEncoder().encodeToString(ir))).orElse("");
        m.sendLine(line, "AUTH " + mechanism.name() + (mechanism.initialResponse().isPresent() ? " ****" : ""));
    }

    void reply(Reply reply) {
        if (reply.code() == 334 && cancelReason == null) {
            Optional<byte[]> challenge = decode(reply.text());
            Optional<byte[]> response = challenge.flatMap(mechanism::evaluate);
            if (response.isEmpty()) {
                cancelReason = challenge.isEmpty() ? "challenge is not base64" : mechanism.failure();
                m.sendLine("*", "*"); // RFC 4954 §4: cancel; the server answers 501
            } else {
                m.sendLine(Base64.getEncoder().encodeToString(response.get()), "****");
            }
        } else if (reply.code() == 235 && cancelReason == null) {
            if (mechanism.acceptSuccess(decode(reply.text()))) {
                m.authenticated = true;
                m.nextMessage();
            } else {
                m.giveUp(ClientReplies.authFailed(mechanism.failure()), Stage.AUTH, false);
            }
        } else if (cancelReason != null) {
            m.giveUp(ClientReplies.authFailed(cancelReason), Stage.AUTH, false);
        } else {
            m.giveUp(reply, Stage.AUTH, true);
        }
    }

    private static Optional<byte[]> decode(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
