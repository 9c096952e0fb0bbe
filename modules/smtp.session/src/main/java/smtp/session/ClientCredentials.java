package smtp.session;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link ClientSession} authenticates with (RFC 4954), e.g. to a smart host.
 *
 * @param username   the authentication identity
 * @param password   the password (kept in memory only for the session)
 * @param mechanisms the mechanisms allowed, in order of preference, from SCRAM-SHA-256, PLAIN
 *                   and LOGIN; the first one the server offers is used
 * @param cleartext  allow authenticating on a channel without TLS (default false: PLAIN and
 *                   LOGIN would show the password to anyone on the path)
 */
public record ClientCredentials(String username, String password, List<String> mechanisms, boolean cleartext) {

    public ClientCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        mechanisms = mechanisms.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("at least one SASL mechanism");
        }
        for (String m : mechanisms) {
            if (!ServerConfig.MECHANISMS.contains(m)) {
                throw new IllegalArgumentException("unsupported SASL mechanism " + m);
            }
        }
    }

    /** SCRAM-SHA-256, then PLAIN, then LOGIN; only over TLS. */
    public static ClientCredentials of(String username, String password) {
        return new ClientCredentials(username, password, ServerConfig.MECHANISMS, false);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ClientCredentials[" + username + ", " + mechanisms + "]";
    }
}
