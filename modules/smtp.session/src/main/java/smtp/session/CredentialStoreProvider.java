package smtp.session;

import java.io.IOException;

/**
 * A service that opens {@link CredentialStore}s of one kind, selected by scheme
 * ({@code file:/etc/smtp/users}). This module provides {@code file}; others (LDAP, SQL) can be
 * added as {@code provides smtp.session.CredentialStoreProvider with ...}.
 * {@link CredentialStores#open(String)} finds them with {@link java.util.ServiceLoader}.
 */
public interface CredentialStoreProvider {

    /** The scheme this provider handles, e.g. {@code file}. */
    String scheme();

    /**
     * Opens the store at {@code location} (the part after {@code scheme:}).
     *
     * @throws IOException when it cannot be read; the message says where and why
     */
    CredentialStore open(String location) throws IOException;
}
