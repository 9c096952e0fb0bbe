package smtp.session.internal.sasl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smtp.session.CredentialStore;
import smtp.session.ScramCredential;

/**
 * The password file: one {@code name:SCRAM-SHA-256$i:salt$StoredKey:ServerKey} per line,
 * {@code #} comments and blank lines ignored. Only hashes, never passwords.
 *
 * <h2>Diagnostics</h2>
 * {@link #load} throws {@link IOException} naming the file and line of a malformed entry or a
 * duplicate user.
 */
public final class PasswordFile {

    private PasswordFile() {
    }

    public static CredentialStore load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, ScramCredential> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String where = file + ":" + (i + 1);
            if (colon <= 0) {
                throw new IOException(where + ": expected name:SCRAM-SHA-256$...");
            }
            Optional<String> name = SaslPrep.prepare(line.substring(0, colon));
            Optional<ScramCredential> credential = ScramCredential.parse(line.substring(colon + 1));
            if (name.isEmpty() || credential.isEmpty()) {
                throw new IOException(where + ": malformed user name or SCRAM-SHA-256 hash");
            }
            if (users.put(name.get(), credential.get()) != null) {
                throw new IOException(where + ": user " + name.get() + " listed twice");
            }
        }
        return new MapCredentialStore(users);
    }

    public static String line(String user, ScramCredential credential) {
        String name = SaslPrep.prepare(user).orElseThrow(() -> new IllegalArgumentException("user name not allowed by SASLprep"));
        if (name.indexOf(':') >= 0 || name.indexOf('\n') >= 0 || name.isEmpty()) {
            throw new IllegalArgumentException("user name must not be empty or contain ':' or a line break");
        }
        return name + ":" + credential.encode();
    }
}
