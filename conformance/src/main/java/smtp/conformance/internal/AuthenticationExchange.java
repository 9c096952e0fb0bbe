package smtp.conformance.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import smtp.conformance.Options;
import smtp.conformance.Step;

/**
 * The client side of one AUTH exchange (a scenario's {@code !auth} step, or the runner's own
 * AUTH before a server that requires it): the command, the initial response or the answers to
 * the server's challenges, with the run's credentials or a deliberately wrong password.
 *
 * <h2>Standards</h2>
 * RFC 4954 §4 (AUTH mechanism [initial-response]; challenges are 334 replies, answers are
 * base64 lines); RFC 4616 §2 (the PLAIN message); the LOGIN mechanism as commonly deployed
 * (user name, then password, each answering a 334 challenge).
 *
 * <h2>Diagnostics</h2>
 * Never throws: the server's final reply is left for the caller to read, and a reply other than
 * a 334 challenge in the middle of a LOGIN exchange is returned as the reply that ended it.
 * Credentials are noted in the transcript by user name only, never the password or its base64.
 */
final class AuthenticationExchange {

    private AuthenticationExchange() {
    }

    /**
     * Sends the AUTH exchange and flushes it.
     *
     * @return the reply that ended a LOGIN exchange early (not a 334 challenge); empty when the
     *         exchange was sent in full and the server's final reply is still to be read
     */
    // RFC 4954 §4: AUTH mechanism [initial-response]; the server's challenges are 334 replies.
    static Optional<Observation> send(SmtpConnection c, Step.Authenticate auth, Options options, Transcript transcript) {
        String user = options.credentials().map(cr -> cr.user()).orElse("conformance");
        String password = auth.wrongPassword() ? "conformance-wrong-password-" + Long.toHexString(System.nanoTime())
                : options.credentials().orElseThrow().password();
        Base64.Encoder b64 = Base64.getEncoder();
        switch (auth.mechanism()) {
            case PLAIN -> {
                // RFC 4616 §2: message = [authzid] NUL authcid NUL passwd
                String response = b64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
                transcript.note("C: AUTH PLAIN (credentials of " + user + (auth.wrongPassword() ? ", wrong password" : "") + ")");
                c.queueQuietly(("AUTH PLAIN " + response + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            case LOGIN -> {
                c.queue("AUTH LOGIN\r\n".getBytes(StandardCharsets.US_ASCII));
                for (String answer : new String[] {user, password}) {
                    Observation challenge = c.readReply();
                    if (!(challenge instanceof Observation.Received r) || r.reply().code() != 334) {
                        return Optional.of(challenge);
                    }
                    transcript.note("C: (base64 " + (answer.equals(user) ? "user name " + user : "password") + ")");
                    c.queueQuietly((b64.encodeToString(answer.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        c.flush();
        return Optional.empty();
    }
}
