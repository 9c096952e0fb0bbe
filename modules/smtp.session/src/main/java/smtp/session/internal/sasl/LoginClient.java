package smtp.session.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The client side of LOGIN (draft-murchison-sasl-login-00): the user name in answer to the
 * first challenge, the password to the second. Servers word the challenges differently
 * ("Username:", "User Name", "Password:"), so the client looks for "pass" rather than matching
 * exactly, and otherwise goes by order.
 */
final class LoginClient implements ClientMechanism {

    private final String username;
    private final String password;
    private int step;

    LoginClient(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public Optional<byte[]> initialResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> evaluate(byte[] challenge) {
        String text = new String(challenge, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        step++;
        if (step > 2) {
            return Optional.empty();
        }
        boolean askPassword = text.contains("pass") || (step == 2 && !text.contains("user"));
        return Optional.of((askPassword ? password : username).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean acceptSuccess(Optional<byte[]> successData) {
        return true;
    }

    @Override
    public String failure() {
        return "too many LOGIN challenges";
    }
}
