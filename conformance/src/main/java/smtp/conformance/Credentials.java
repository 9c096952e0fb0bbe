package smtp.conformance;

import java.util.Objects;

/**
 * A user name and password for the AUTH scenarios (RFC 4954). {@link #toString()} never
 * shows the password, so credentials do not leak into logs or reports.
 *
 * @param user     the authentication identity
 * @param password the password
 */
public record Credentials(String user, String password) {

    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("empty user");
        }
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=(hidden)]";
    }
}
