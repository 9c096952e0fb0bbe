package smtp.server.internal.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import smtp.server.ServerSettings;
import smtp.server.Settings;
import smtp.server.SettingsResult;
import smtp.server.internal.users.Mailboxes;
import smtp.server.internal.users.PasswordFileEditor;
import smtp.server.internal.users.UserDirectory;
import smtp.session.ScramCredential;

/**
 * The settings and mailboxes the policy tests share: local domain {@code example.test}, host
 * name {@code mx.example.test}, one user {@code alice}, {@code +} as recipient delimiter.
 */
record PolicyFixture(ServerSettings settings, Mailboxes mailboxes) {

    static PolicyFixture create(String prefix) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        PasswordFileEditor.set(dir.resolve("users"), "alice", ScramCredential.derive("x", new byte[16], 4096));
        Properties p = new Properties();
        p.setProperty("domains.local", "example.test");
        p.setProperty("server.hostname", "mx.example.test");
        p.setProperty("users.file", dir.resolve("users").toString());
        ServerSettings s = ((SettingsResult.Valid) Settings.parse(p, "t")).settings();
        UserDirectory users = new UserDirectory(s.usersFile());
        users.load();
        return new PolicyFixture(s, new Mailboxes(users, "+", "postmaster"));
    }
}
