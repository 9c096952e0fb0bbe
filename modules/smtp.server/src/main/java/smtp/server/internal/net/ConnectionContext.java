package smtp.server.internal.net;

import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import smtp.server.ServerSettings;
import smtp.server.internal.policy.PolicyServices;
import smtp.server.internal.policy.Role;
import smtp.session.CredentialStore;
import smtp.session.MessageStore;
import smtp.session.ServerConfig;

/**
 * What a {@link Connection} needs from the server, shared by all connections.
 *
 * @param settings    the configuration
 * @param configs     the session configuration of each role (STARTTLS and AUTH as the role has them)
 * @param tls         the server TLS context
 * @param policies    the shared policy checks
 * @param stores      the message store of a new connection, by role and whether the client is trusted
 * @param credentials the users
 * @param closing     true once the server shuts down
 * @param open        the connections open now (for shutdown)
 */
public record ConnectionContext(ServerSettings settings, Function<Role, ServerConfig> configs, SSLContext tls,
                                PolicyServices policies, BiFunction<Role, Boolean, MessageStore> stores, CredentialStore credentials,
                                BooleanSupplier closing, Set<Connection> open) {

    public ConnectionContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(closing, "closing");
        Objects.requireNonNull(open, "open");
    }
}
