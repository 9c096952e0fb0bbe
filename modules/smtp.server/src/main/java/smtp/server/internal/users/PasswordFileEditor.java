package smtp.server.internal.users;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import smtp.session.CredentialStores;
import smtp.session.ScramCredential;

/**
 * Adds a user to the users file, or replaces the user's hash: the file is rewritten in full
 * (write, sync, atomic rename) so that a running server that reads it concurrently sees either
 * the old or the new file, and it is readable by its owner only. Only the salted hash is
 * written (PBKDF2-HMAC-SHA-256, RFC 5802 §3 / RFC 7677), never the password.
 */
public final class PasswordFileEditor {

    private PasswordFileEditor() {
    }

    /** Sets {@code user}'s credential; returns true when the user was new. */
    public static synchronized boolean set(Path file, String user, ScramCredential credential) throws IOException {
        String line = CredentialStores.line(user, credential);
        List<String> lines = new ArrayList<>();
        boolean replaced = false;
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (l.startsWith(user + ":")) {
                    if (!replaced) {
                        lines.add(line);
                    }
                    replaced = true;
                } else {
                    lines.add(l);
                }
            }
        }
        if (!replaced) {
            lines.add(line);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return !replaced;
    }
}
