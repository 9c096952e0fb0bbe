package smtp.session;

import java.util.Optional;

/**
 * The SASL credential check of the server side (RFC 4954): looks up the salted password hash of
 * a user. One hash serves every mechanism: SCRAM-SHA-256 (RFC 7677) uses it as is, and PLAIN
 * (RFC 4616) and LOGIN verify a password against it ({@link ScramCredential#verify}). Stores keep
 * hashes only, never passwords.
 *
 * <p>Implementations come from {@link CredentialStores} (an in-memory map, or a password file),
 * or from a {@link CredentialStoreProvider} service, e.g. an LDAP or SQL store in the server
 * module.
 */
public interface CredentialStore {

    /** A store that knows nobody: every AUTH fails with 535 5.7.8. */
    CredentialStore NONE = username -> Optional.empty();

    /**
     * The credential of {@code username} (after SASLprep, RFC 4013), or empty if unknown.
     * Called on a virtual thread of the I/O layer; may block briefly.
     */
    Optional<ScramCredential> lookup(String username);

    /**
     * RFC 4616 §2: whether the authenticated {@code authcid} may act as {@code authzid}.
     * The default allows only itself.
     */
    default boolean mayActAs(String authcid, String authzid) {
        return authcid.equals(authzid);
    }
}
