package smtp.server.internal.net;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import smtp.server.internal.policy.Role;

/**
 * One listening socket and its accept loop (on a virtual thread): each accepted connection gets
 * its own virtual thread running a {@link Connection}, unless a connection limit is reached.
 *
 * <h2>Standards</h2>
 * RFC 5321 §3.8 and §4.2.3: a connection over the limits gets "421 4.7.0 ... Too many
 * connections" and is closed (on the implicit-TLS listener it is closed without a reply: a
 * reply in clear text would not be TLS).
 */
public final class Listener {

    private static final System.Logger LOG = System.getLogger("smtp.server");

    private final ServerSocket server;
    private final Role role;
    private final ConnectionContext ctx;
    private final ConnectionLimiter limiter;
    private Thread acceptor;

    private Listener(ServerSocket server, Role role, ConnectionContext ctx, ConnectionLimiter limiter) {
        this.server = server;
        this.role = role;
        this.ctx = ctx;
        this.limiter = limiter;
    }

    /** Binds {@code address}; the accept loop starts with {@link #start()}. */
    public static Listener bind(InetSocketAddress address, Role role, ConnectionContext ctx, ConnectionLimiter limiter)
            throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(address, 4096);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new Listener(s, role, ctx, limiter);
    }

    /** The bound address (with the real port when 0 was configured). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public Role role() {
        return role;
    }

    /** Starts accepting. */
    public void start() {
        acceptor = Thread.ofVirtual().name("accept-" + role.label()).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, "accept on " + role.label() + " failed: " + e.getMessage());
                }
                continue;
            }
            ConnectionLimiter.Permit permit = limiter.acquire(socket.getInetAddress());
            if (permit.refusal().isPresent()) {
                Thread.ofVirtual().start(() -> refuse(socket, permit.refusal().get()));
                continue;
            }
            try {
                Thread.ofVirtual().name("smtp-" + role.label()).start(new Connection(socket, role, ctx, permit));
            } catch (RuntimeException e) {
                permit.release();
                close(socket);
            }
        }
    }

    private void refuse(Socket socket, String why) {
        LOG.log(Level.WARNING, "refused [" + socket.getInetAddress().getHostAddress() + "]:" + socket.getPort()
                + " on " + role.label() + ": " + why);
        if (!role.implicitTls()) {
            try {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(("421 4.7.0 " + ctx.settings().hostname() + " Error: " + why + ", closing transmission channel\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the client is gone already
            }
        }
        close(socket);
    }

    /** Stops accepting (connections already open go on). */
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        if (acceptor != null) {
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }
}
