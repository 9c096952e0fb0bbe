package smtp.session.internal.sasl;

import java.util.Objects;
import java.util.Optional;
import smtp.session.CredentialStore;
import smtp.session.ScramCredential;

/**
 * Wraps the {@link CredentialStore} a mechanism uses, so that whatever it throws (it is the MTA's
 * code, possibly talking to a directory over the network) arrives as one
 * {@link CredentialStoreFailure}, which the session answers with 454 4.7.0 (RFC 4954 §6). Bugs in
 * the mechanisms themselves are not caught: they stay broken invariants.
 */
final class GuardedCredentialStore implements CredentialStore {

    private final CredentialStore store;

    GuardedCredentialStore(CredentialStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<ScramCredential> lookup(String username) {
        Optional<ScramCredential> found;
        try {
            found = store.lookup(username);
        } catch (RuntimeException e) {
            throw new CredentialStoreFailure(e);
        }
        if (found == null) {
            throw new CredentialStoreFailure(new NullPointerException("lookup returned null, not Optional.empty()"));
        }
        return found;
    }

    @Override
    public boolean mayActAs(String authcid, String authzid) {
        try {
            return store.mayActAs(authcid, authzid);
        } catch (RuntimeException e) {
            throw new CredentialStoreFailure(e);
        }
    }
}
