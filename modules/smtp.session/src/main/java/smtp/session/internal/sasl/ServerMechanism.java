package smtp.session.internal.sasl;

import java.util.Optional;
import smtp.session.CredentialStore;

/**
 * The server side of one SASL mechanism for one exchange (RFC 4422 §3). Not thread-safe; a new
 * instance per AUTH command. {@link #start} and {@link #respond} throw
 * {@link CredentialStoreFailure} when the credential store fails, and nothing else.
 */
public interface ServerMechanism {

    /** Starts the exchange with the initial response of the AUTH command, if one was given. */
    SaslStep start(Optional<byte[]> initialResponse);

    /** Continues with the client's (decoded) response to the last challenge. */
    SaslStep respond(byte[] response);

    /**
     * A new exchange of {@code mechanism} (upper case), or empty if this module has no such
     * mechanism. Its steps throw {@link CredentialStoreFailure} when {@code store} fails.
     */
    static Optional<ServerMechanism> create(String mechanism, CredentialStore store) {
        CredentialStore guarded = new GuardedCredentialStore(store);
        return switch (mechanism) {
            case "PLAIN" -> Optional.of(new PlainServer(guarded));
            case "LOGIN" -> Optional.of(new LoginServer(guarded));
            case "SCRAM-SHA-256" -> Optional.of(new ScramServer(guarded));
            default -> Optional.empty();
        };
    }
}
