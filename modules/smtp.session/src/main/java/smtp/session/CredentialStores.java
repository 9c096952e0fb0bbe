package smtp.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import smtp.session.internal.sasl.MapCredentialStore;
import smtp.session.internal.sasl.PasswordFile;

/**
 * Factories for {@link CredentialStore}s.
 *
 * <p>The password file has one user per line, {@code name:SCRAM-SHA-256$i:salt$StoredKey:ServerKey}
 * (see {@link ScramCredential#encode()}); blank lines and lines starting with {@code #} are
 * ignored. {@link #line(String, ScramCredential)} writes such a line (the server's
 * {@code user add}).
 */
public final class CredentialStores {

    private CredentialStores() {
    }

    /** A fixed map of users (already SASLprep'd names) to credentials. */
    public static CredentialStore of(Map<String, ScramCredential> users) {
        return new MapCredentialStore(Map.copyOf(users));
    }

    /**
     * Reads a password file once.
     *
     * @throws IOException when it cannot be read or a line is malformed (the message names the line)
     */
    public static CredentialStore load(Path file) throws IOException {
        return PasswordFile.load(file);
    }

    /** One password-file line for {@code user}. */
    public static String line(String user, ScramCredential credential) {
        return PasswordFile.line(user, credential);
    }

    /**
     * Opens a store by URI-like location {@code scheme:location}, e.g. {@code file:/etc/smtp/users},
     * through the {@link CredentialStoreProvider} services.
     *
     * @throws IOException when no provider handles the scheme or the store cannot be opened
     */
    public static CredentialStore open(String location) throws IOException {
        int colon = location.indexOf(':');
        if (colon <= 0) {
            throw new IOException("credential store location needs a scheme (e.g. file:/path): " + location);
        }
        String scheme = location.substring(0, colon);
        for (CredentialStoreProvider p : ServiceLoader.load(CredentialStoreProvider.class,
                CredentialStores.class.getClassLoader())) {
            if (p.scheme().equalsIgnoreCase(scheme)) {
                return p.open(location.substring(colon + 1));
            }
        }
        throw new IOException("no credential store provider for scheme " + scheme);
    }
}
