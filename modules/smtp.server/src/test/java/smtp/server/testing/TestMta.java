package smtp.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import smtp.dns.InMemoryResolver;
import smtp.dns.Resolver;
import smtp.server.MailServer;
import smtp.server.ServerSettings;
import smtp.server.ServerStartException;
import smtp.server.Settings;
import smtp.server.SettingsResult;
import smtp.server.internal.tls.SelfSignedCertificate;
import smtp.server.internal.users.PasswordFileEditor;
import smtp.session.ScramCredential;

/**
 * An MTA started in-process for a test: its own temporary directory, every listener on a free
 * loopback port, the shared self-signed certificate, users with fast hashes (4096 PBKDF2
 * iterations, the RFC 7677 minimum), no greeting or AUTH delay, short queue retries, and DNS
 * from an in-memory resolver unless the test gives another.
 *
 * <p>Host name {@code mx.example.test}; local domains {@code example.test} and
 * {@code other.test}; users {@code alice} and {@code bob} with password {@code secret}.
 */
public final class TestMta implements AutoCloseable {

    public static final String HOST = "mx.example.test";
    public static final String PASSWORD = "secret";

    private static Path sharedTls;

    private final Path dir;
    private final Builder builder;
    private MailServer server;

    private TestMta(Path dir, Builder builder, MailServer server) {
        this.dir = dir;
        this.builder = builder;
        this.server = server;
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** One self-signed certificate for every test of the JVM (RSA key generation is slow). */
    public static synchronized Path sharedTls() {
        if (sharedTls == null) {
            try {
                Path d = Files.createTempDirectory("smtp-tls-");
                SelfSignedCertificate.ensure(d, HOST);
                d.toFile().deleteOnExit();
                sharedTls = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sharedTls;
    }

    public static final class Builder {
        private final Map<String, String> props = new LinkedHashMap<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        private Resolver resolver = InMemoryResolver.builder().build();

        private Builder() {
            props.put("server.hostname", HOST);
            props.put("listen.smtp", "127.0.0.1:0");
            props.put("listen.submission", "127.0.0.1:0");
            props.put("listen.smtps", "127.0.0.1:0");
            props.put("domains.local", "example.test, other.test");
            props.put("limits.greeting.delay", "0s");
            props.put("limits.auth.delay", "0s");
            props.put("queue.retry.initial", "1s");
            props.put("queue.retry.max", "2s");
            props.put("shutdown.grace", "2s");
            users.put("alice", PASSWORD);
            users.put("bob", PASSWORD);
        }

        /** Sets a configuration key. */
        public Builder set(String key, String value) {
            props.put(key, value);
            return this;
        }

        /** Adds a user. */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** DNS for the server. */
        public Builder resolver(Resolver r) {
            this.resolver = r;
            return this;
        }

        /** DNS as configured ({@code dns.servers}): the server's own network resolver. */
        public Builder configuredDns(String servers) {
            props.put("dns.servers", servers);
            this.resolver = null;
            return this;
        }

        /** The properties as they would be written in a file, with the directories of {@code dir}. */
        public Properties properties(Path dir) {
            Properties p = new Properties();
            p.setProperty("maildir.root", dir.resolve("mail").toString());
            p.setProperty("queue.dir", dir.resolve("queue").toString());
            p.setProperty("users.file", dir.resolve("users").toString());
            p.setProperty("tls.selfsigned.dir", sharedTls().toString());
            props.forEach(p::setProperty);
            return p;
        }

        /** Writes the users file into {@code dir}. */
        public void writeUsers(Path dir) throws IOException {
            for (Map.Entry<String, String> u : users.entrySet()) {
                byte[] salt = (u.getKey() + "-salt-0123456789").getBytes(StandardCharsets.UTF_8);
                PasswordFileEditor.set(dir.resolve("users"), u.getKey(), ScramCredential.derive(u.getValue(), salt, 4096));
            }
        }

        /** Starts the server. */
        public TestMta start() throws IOException, ServerStartException {
            Path dir = Files.createTempDirectory("smtp-mta-");
            writeUsers(dir);
            return new TestMta(dir, this, launch(dir));
        }

        private MailServer launch(Path dir) throws ServerStartException {
            ServerSettings s = switch (Settings.parse(properties(dir), "test")) {
                case SettingsResult.Valid v -> v.settings();
                case SettingsResult.Invalid i -> throw new IllegalArgumentException(i.problems().toString());
            };
            return resolver == null ? MailServer.start(s) : MailServer.start(s, resolver);
        }
    }

    public MailServer server() {
        return server;
    }

    /**
     * Shuts the server down (as on SIGTERM, with {@code grace}) and starts it again on the same
     * spool, Maildirs and users, with the keys in {@code changes} changed (listeners on new ports).
     */
    public void restart(Duration grace, Map<String, String> changes) throws ServerStartException {
        server.shutdown(grace);
        builder.props.putAll(changes);
        server = builder.launch(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Writes this server's configuration as a properties file (for the subcommands) and returns it. */
    public Path configFile() throws IOException {
        Path f = dir.resolve("test.properties");
        try (java.io.Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            builder.properties(dir).store(w, "TestMta");
        }
        return f;
    }

    /** The address of a role: smtp, submission, submissions. */
    public InetSocketAddress address(String role) {
        return server.address(role).orElseThrow();
    }

    public InetSocketAddress smtp() {
        return address("smtp");
    }

    public InetSocketAddress submission() {
        return address("submission");
    }

    public InetSocketAddress smtps() {
        return address("submissions");
    }

    /** The messages in {@code user}'s Maildir new/, oldest first. */
    public List<String> maildir(String user) {
        Path d = dir.resolve("mail").resolve(user).resolve("new");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.sorted(Comparator.comparing(Path::getFileName)).toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code user}'s Maildir holds {@code count} messages; returns them. */
    public List<String> awaitMaildir(String user, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> m = maildir(user);
        while (m.size() < count && System.nanoTime() < end) {
            Thread.sleep(50);
            m = maildir(user);
        }
        if (m.size() < count) {
            throw new AssertionError(user + ": expected " + count + " message(s) in the Maildir, found " + m.size());
        }
        return m;
    }

    /** Waits until the queue is empty. */
    public void awaitQueueEmpty(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (server.queued() > 0 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        if (server.queued() > 0) {
            throw new AssertionError("the queue still holds " + server.queued() + " message(s)");
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown(Duration.ofSeconds(1));
        delete(dir);
    }

    /** Deletes a directory tree. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
