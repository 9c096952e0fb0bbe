package smtp.queue.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The running queue's administration socket, {@code <spool>/control.sock} (a Unix-domain
 * socket, readable and writable by the spool's owner only, from the moment it exists: see
 * {@link #start}): one {@link ControlCommands} line
 * per connection. This is how {@code queue flush|hold|release|delete} reach a queue that owns
 * the spool; listings read the spool files directly.
 *
 * <p>Why a socket rather than request files: the command is applied by the one process that
 * owns the spool (no second writer), the answer says what was found, and nothing is left
 * behind if either side dies. A Unix socket path is limited to about 100 octets; a spool
 * directory with a longer path has no control socket (logged), and commands then fail with a
 * clear message.
 */
public final class ControlServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("smtp.queue");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread acceptor;

    private ControlServer(ServerSocketChannel server, Path socket, QueueEngine engine) {
        this.server = server;
        this.socket = socket;
        this.acceptor = Thread.ofVirtual().name("queue-control").start(() -> accept(engine));
    }

    /** The socket's path for a spool. */
    public static Path socketPath(Path spool) {
        return spool.resolve("control.sock");
    }

    /**
     * Binds the socket (replacing a stale one: the caller owns the spool lock) and serves it.
     *
     * <p>The socket is never reachable by anyone but the owner, not even for a moment: bind(2)
     * creates the socket file with the process's umask (often 0755 or 0775), so it is bound
     * inside a fresh {@code <spool>/.control/} directory created with mode 0700 (connecting
     * needs search permission on every directory of the path), set to 0600, and only then
     * renamed to {@code <spool>/control.sock}, where it appears with 0600 already.
     */
    public static ControlServer start(Path spool, QueueEngine engine) throws IOException {
        Path socket = socketPath(spool);
        Files.deleteIfExists(socket);
        Path staging = spool.resolve(".control");
        removeStaging(staging); // left by a crash between bind and rename
        boolean posix = spool.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path bindAt = socket;
        if (posix) {
            Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            Files.setPosixFilePermissions(staging, OWNER_DIRECTORY); // in case a umask took bits away
            bindAt = staging.resolve("s");
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(bindAt));
            if (posix) {
                Files.setPosixFilePermissions(bindAt, PosixFilePermissions.fromString("rw-------"));
                Files.move(bindAt, socket, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | IllegalArgumentException e) {
            server.close();
            Files.deleteIfExists(bindAt);
            removeStaging(staging);
            LOG.log(Level.WARNING, "no queue control socket at " + socket + ": " + e.getMessage());
            return new ControlServer(null, socket, engine);
        }
        removeStaging(staging);
        return new ControlServer(server, socket, engine);
    }

    private static void removeStaging(Path staging) throws IOException {
        if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(staging);
            return;
        }
        try (var files = Files.list(staging)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(staging);
    }

    private void accept(QueueEngine engine) {
        if (server == null) {
            return;
        }
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("queue-control-client").start(() -> serve(client, engine));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "queue control socket: " + e);
                }
                return;
            }
        }
    }

    private static void serve(SocketChannel client, QueueEngine engine) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            String line = readLine(in);
            String response = line == null ? "ERR request line too long or missing" : ControlCommands.execute(engine, line);
            LOG.log(Level.INFO, "queue control: " + (line == null ? "(bad request)" : line.strip()) + " -> " + response);
            OutputStream out = Channels.newOutputStream(client);
            out.write((response + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "queue control client: " + e);
        }
    }

    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (sb.length() >= ControlCommands.MAX_LINE) {
                return null;
            }
            sb.append((char) c);
        }
        return sb.isEmpty() && c < 0 ? null : sb.toString();
    }

    /** Sends one request line to the queue that owns {@code spool}; returns its response line. */
    public static String send(Path spool, String request) throws IOException {
        Path socket = socketPath(spool);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(ch);
            out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the running queue closed the control socket without an answer");
            }
            return line;
        } catch (IllegalArgumentException e) {
            throw new IOException("control socket path too long: " + socket, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }
}
