package smtp.session.internal.sasl;

import java.util.Map;
import java.util.Optional;
import smtp.session.CredentialStore;
import smtp.session.ScramCredential;

/** A {@link CredentialStore} over a fixed map of user names to hashes. */
public record MapCredentialStore(Map<String, ScramCredential> users) implements CredentialStore {

    public MapCredentialStore {
        users = Map.copyOf(users);
    }

    @Override
    public Optional<ScramCredential> lookup(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public String toString() {
        return "MapCredentialStore[" + users.size() + " users]";
    }
}
