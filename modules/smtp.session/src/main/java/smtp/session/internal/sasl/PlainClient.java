package smtp.session.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The client side of SASL PLAIN, RFC 4616 §2: {@code [authzid] NUL authcid NUL passwd}, sent as
 * the initial response (no authzid: act as oneself).
 */
final class PlainClient implements ClientMechanism {

    private final String username;
    private final String password;

    PlainClient(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public Optional<byte[]> initialResponse() {
        return Optional.of(message());
    }

    private byte[] message() {
        String u = SaslPrep.prepare(username).orElse(username);
        String p = SaslPrep.prepare(password).orElse(password);
        return ("\0" + u + "\0" + p).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<byte[]> evaluate(byte[] challenge) {
        // A server that ignored the initial response sends an empty challenge: answer it again.
        return challenge.length == 0 ? Optional.of(message()) : Optional.empty();
    }

    @Override
    public boolean acceptSuccess(Optional<byte[]> successData) {
        return true;
    }

    @Override
    public String failure() {
        return "unexpected PLAIN challenge";
    }
}
