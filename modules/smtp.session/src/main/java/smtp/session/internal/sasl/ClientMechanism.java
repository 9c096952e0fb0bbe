package smtp.session.internal.sasl;

import java.util.List;
import java.util.Optional;
import smtp.session.ClientCredentials;

/**
 * The client side of one SASL mechanism for one exchange (RFC 4422 §3). Not thread-safe.
 */
public interface ClientMechanism {

    /** The mechanism name as sent with AUTH. */
    String name();

    /** The initial response to send with the AUTH command (RFC 4954 §4), if the mechanism has one. */
    Optional<byte[]> initialResponse();

    /** The response to a (decoded) challenge, or empty to cancel the exchange with "*". */
    Optional<byte[]> evaluate(byte[] challenge);

    /**
     * Whether the exchange may be considered successful on a 235 reply. SCRAM requires that the
     * server has proved it knows the password ({@code v=}); {@code successData} is the decoded
     * text of the 235 reply, in case the server put its final message there.
     */
    boolean acceptSuccess(Optional<byte[]> successData);

    /** Why the last {@link #evaluate} or {@link #acceptSuccess} refused, for the failure reply. */
    String failure();

    /** The first of {@code preferred} that the server offers, as a new exchange. */
    static Optional<ClientMechanism> choose(ClientCredentials credentials, java.util.Set<String> offered) {
        List<String> preferred = credentials.mechanisms();
        for (String m : preferred) {
            if (offered.contains(m)) {
                return Optional.of(switch (m) {
                    case "PLAIN" -> new PlainClient(credentials.username(), credentials.password());
                    case "LOGIN" -> new LoginClient(credentials.username(), credentials.password());
                    case "SCRAM-SHA-256" -> new ScramClient(credentials.username(), credentials.password());
                    default -> throw new IllegalStateException("ClientCredentials admitted " + m);
                });
            }
        }
        return Optional.empty();
    }
}
