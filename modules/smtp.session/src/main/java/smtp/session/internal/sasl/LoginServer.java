package smtp.session.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import smtp.session.CredentialStore;

/**
 * The server side of the LOGIN mechanism (draft-murchison-sasl-login-00, never an RFC but used
 * by Outlook and many other clients): the server asks "Username:" then "Password:", and the
 * client answers each with the plain value.
 *
 * <p>The challenges are exactly the base64 of {@code Username:} ({@code VXNlcm5hbWU6}) and
 * {@code Password:} ({@code UGFzc3dvcmQ6}); two popular servers broke Outlook and Go clients by
 * sending other text. An initial response with the AUTH command is taken as the user name.
 */
final class LoginServer implements ServerMechanism {

    static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private final CredentialStore store;
    private String username;

    LoginServer(CredentialStore store) {
        this.store = store;
    }

    @Override
    public SaslStep start(Optional<byte[]> initialResponse) {
        if (initialResponse.isPresent()) {
            return respond(initialResponse.get());
        }
        return new SaslStep.Challenge(USERNAME);
    }

    @Override
    public SaslStep respond(byte[] response) {
        String value = new String(response, StandardCharsets.UTF_8);
        if (username == null) {
            if (value.isEmpty()) {
                return SaslStep.malformed();
            }
            username = value;
            return new SaslStep.Challenge(PASSWORD);
        }
        if (value.isEmpty()) {
            return SaslStep.invalid();
        }
        return PasswordCheck.verify(store, username, value)
                .<SaslStep>map(user -> new SaslStep.Success(user, Optional.empty()))
                .orElseGet(SaslStep::invalid);
    }
}
