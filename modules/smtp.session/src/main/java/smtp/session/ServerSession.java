package smtp.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import smtp.session.internal.server.ServerMachine;

/**
 * The server side of one SMTP session as a sans-I/O state machine: octets in, actions out. The
 * I/O layer (one virtual thread per connection in the server module) calls {@link #greeting()},
 * then {@link #receive} with whatever it read, and performs the returned {@link ServerAction}s
 * in order; it enforces {@link #readTimeout()} and reports expiry with {@link #timeout()}.
 *
 * <pre>{@code
 * ServerSession s = new ServerSession(config, ConnectionInfo.cleartext(peer), policy, spool, users);
 * write(s.greeting());
 * while (!s.isClosed()) {
 *     int n = in.read(buf);                       // with readTimeout() as the socket timeout
 *     if (n < 0) { s.connectionLost(); break; }
 *     for (ServerAction a : s.receive(buf, 0, n)) {
 *         switch (a) {
 *             case ServerAction.Send send -> out.write(send.bytes());
 *             case ServerAction.StartTls t -> { out.flush(); upgrade(); write(s.tlsStarted(info)); }
 *             case ServerAction.Close c -> { out.flush(); socket.close(); }
 *         }
 *     }
 *     out.flush();
 * }
 * }</pre>
 *
 * <h2>Standards</h2>
 * RFC 5321 §3, §4.1.4, §4.3.2, §4.5.3.1.8, §4.5.3.2; RFC 1870, 2034, 2920, 3030, 3207, 3461,
 * 4954, 4616, 5802, 7677, 6152, 6531: see the package documentation of the module.
 *
 * <h2>Diagnostics</h2>
 * Nothing a client sends makes a method throw: every mistake is a reply (500, 501, 502, 503,
 * 504, 530, 535, 538, 552, 553, 554, 555), and after {@link ServerConfig#maxErrors()} of them a
 * 421 and {@link ServerAction.Close}. {@link IllegalStateException} means the I/O layer called
 * out of order (input before the greeting, {@link #tlsStarted} without STARTTLS).
 *
 * <p>Not thread-safe: one session per connection, driven by one thread.
 */
public final class ServerSession {

    private final ServerMachine machine;
    private final ServerConfig config;

    /**
     * @param config      the configuration
     * @param connection  the peer and, for implicit TLS, the TLS session
     * @param policy      the MTA's decisions
     * @param store       where accepted messages go
     * @param credentials the SASL credential check ({@link CredentialStore#NONE} without AUTH)
     */
    public ServerSession(ServerConfig config, ConnectionInfo connection, Policy policy, MessageStore store,
                         CredentialStore credentials) {
        this.config = Objects.requireNonNull(config, "config");
        this.machine = new ServerMachine(config, Objects.requireNonNull(connection, "connection"),
                Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(credentials, "credentials"));
    }

    /** The opening reply: 220, or the policy's 554 (RFC 5321 §3.1) or 421. Call once, first. */
    public List<ServerAction> greeting() {
        return machine.greeting();
    }

    /**
     * Takes octets read from the client (any amount: part of a line, or a whole pipelined group)
     * and returns what to do, replies in command order (RFC 2920 §3.2). All octets are consumed;
     * after STARTTLS the rest is discarded (RFC 3207 §4.2), after close it is ignored.
     */
    public List<ServerAction> receive(byte[] buf, int off, int len) {
        return machine.receive(buf, off, len);
    }

    /** {@link #receive(byte[], int, int)} of a whole array. */
    public List<ServerAction> receive(byte[] buf) {
        return machine.receive(buf, 0, buf.length);
    }

    /** The TLS handshake after STARTTLS succeeded: the session starts over (RFC 3207 §4.2). */
    public List<ServerAction> tlsStarted(TlsInfo tls) {
        return machine.tlsStarted(Objects.requireNonNull(tls, "tls"));
    }

    /** The TLS handshake failed: the connection cannot be used any more. */
    public List<ServerAction> tlsFailed() {
        return machine.tlsFailed();
    }

    /** {@link #readTimeout()} expired: 421 4.4.2 and close (RFC 5321 §4.5.3.2.7). */
    public List<ServerAction> timeout() {
        return machine.timeout();
    }

    /** The server is shutting down: 421 4.3.0 and close. */
    public List<ServerAction> shutdown() {
        return machine.shutdown();
    }

    /** The client closed the connection or it broke: any open message is discarded. */
    public void connectionLost() {
        machine.connectionLost();
    }

    /** How long to wait for the next octets (RFC 5321 §4.5.3.2.7: at least 5 minutes). */
    public Duration readTimeout() {
        return config.timeouts().server();
    }

    /** The current state. */
    public SessionState state() {
        return machine.state();
    }

    /**
     * How many AUTH exchanges failed in this session (wrong credentials, cancelled, malformed),
     * for a growing delay before the next reply (the I/O layer's tarpit).
     */
    public int authFailures() {
        return machine.authFailures();
    }

    /** The session's origin once EHLO or HELO was accepted (for logs); empty before. */
    public java.util.Optional<Origin> origin() {
        return machine.currentOrigin();
    }

    /** True once the session has ended (221, 421, or a lost connection). */
    public boolean isClosed() {
        return machine.state() == SessionState.CLOSED;
    }
}
