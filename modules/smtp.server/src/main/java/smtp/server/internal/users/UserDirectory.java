package smtp.server.internal.users;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import smtp.session.CredentialStore;
import smtp.session.CredentialStores;
import smtp.session.ScramCredential;

/**
 * The users of the MTA, read from {@code users.file} and read again whenever the file changes
 * (so that {@code user add} takes effect while the server runs). A user is a mailbox of every
 * local domain and a SASL identity (RFC 4954) with a salted PBKDF2 hash (SCRAM-SHA-256 form,
 * RFC 5802 §3); passwords are never stored.
 *
 * <h2>Diagnostics</h2>
 * A file that cannot be read or has a malformed line keeps the users last read, and logs why;
 * a missing file means no users.
 */
public final class UserDirectory implements CredentialStore {

    private static final System.Logger LOG = System.getLogger("smtp.server");

    private final Path file;
    private CredentialStore current = CredentialStore.NONE;
    private FileTime modified;
    private long size = -1;

    public UserDirectory(Path file) {
        this.file = file;
    }

    /** Reads the file now; an I/O or format problem is an exception here (at start), a log line later. */
    public void load() throws IOException {
        synchronized (this) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                current = CredentialStores.load(file);
                modified = a.lastModifiedTime();
                size = a.size();
            } catch (NoSuchFileException e) {
                current = CredentialStore.NONE;
                modified = null;
                size = -1;
            }
        }
    }

    @Override
    public Optional<ScramCredential> lookup(String username) {
        return store().lookup(Users.normalize(username));
    }

    /** True when {@code name} (any case) is a user. */
    public boolean exists(String name) {
        return lookup(name).isPresent();
    }

    private synchronized CredentialStore store() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.lastModifiedTime().equals(modified) || a.size() != size) {
                current = CredentialStores.load(file);
                modified = a.lastModifiedTime();
                size = a.size();
                LOG.log(Level.INFO, "users: read " + file);
            }
        } catch (NoSuchFileException e) {
            if (size >= 0) {
                LOG.log(Level.WARNING, "users: " + file + " is gone; no users");
            }
            current = CredentialStore.NONE;
            modified = null;
            size = -1;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "users: cannot read " + file + ", keeping the users read before: " + e.getMessage());
        }
        return current;
    }
}
