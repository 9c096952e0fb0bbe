package smtp.session.internal.sasl;

import java.util.Optional;
import smtp.session.CredentialStore;
import smtp.session.ScramCredential;

/**
 * The password check shared by PLAIN and LOGIN: SASLprep both strings, look the user up and
 * verify the password against the stored hash. An unknown user costs the same PBKDF2 work as a
 * known one, so that timing does not tell which user names exist.
 */
final class PasswordCheck {

    private PasswordCheck() {
    }

    /** A hash of a random password, to spend the time of a real check on unknown users. */
    private static final class Dummy {
        static final ScramCredential CREDENTIAL = ScramCredential.derive(java.util.UUID.randomUUID().toString());
    }

    /** The prepared authentication identity when {@code password} is right; empty otherwise. */
    static Optional<String> verify(CredentialStore store, String username, String password) {
        Optional<String> user = SaslPrep.prepare(username);
        Optional<ScramCredential> credential = user.flatMap(store::lookup);
        if (credential.isEmpty()) {
            Dummy.CREDENTIAL.verify(password);
            return Optional.empty();
        }
        return credential.get().verify(password) ? user : Optional.empty();
    }
}
