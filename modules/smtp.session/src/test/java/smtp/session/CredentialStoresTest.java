package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoresTest {

    @Test
    @Tag("7677-4")
    void passwordFileKeepsHashesAndIsFoundThroughTheProviderService(@TempDir Path dir) throws IOException {
        ScramCredential c = ScramCredential.derive("pencil", "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4096);
        String line = CredentialStores.line("user", c);
        assertFalse(line.contains("pencil"));
        Path file = dir.resolve("users");
        Files.write(file, List.of("# users", "", line));
        CredentialStore store = CredentialStores.open("file:" + file);
        assertTrue(store.lookup("user").orElseThrow().verify("pencil"));
        assertTrue(store.lookup("nobody").isEmpty());
        assertEquals(store.lookup("user"), CredentialStores.load(file).lookup("user"));
    }

    @Test
    @Tag("7677-4")
    void malformedFilesAndUnknownSchemesFailWithTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("users");
        Files.write(file, List.of("user:plaintext-password"));
        IOException e = assertThrows(IOException.class, () -> CredentialStores.load(file));
        assertTrue(e.getMessage().contains(file + ":1"), e.getMessage());
        ScramCredential c = ScramCredential.derive("x1", "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4096);
        Files.write(file, List.of(CredentialStores.line("a", c), CredentialStores.line("a", c)));
        assertTrue(assertThrows(IOException.class, () -> CredentialStores.load(file)).getMessage().contains("twice"));
        assertThrows(IOException.class, () -> CredentialStores.open("ldap://example"));
        assertThrows(IOException.class, () -> CredentialStores.open("no-scheme"));
        assertThrows(IllegalArgumentException.class, () -> CredentialStores.line("a:b", c));
    }
}
