package smtp.session.internal.sasl;

/**
 * A {@link smtp.session.CredentialStore} failed (an LDAP or SQL back end down, a file unreadable):
 * the exchange cannot be decided now. Thrown only by {@link GuardedCredentialStore}, for the
 * server session to answer RFC 4954 §6's "454 4.7.0 Temporary authentication failure".
 */
public final class CredentialStoreFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CredentialStoreFailure(RuntimeException cause) {
        super("credential store failed: " + cause, cause);
    }
}
