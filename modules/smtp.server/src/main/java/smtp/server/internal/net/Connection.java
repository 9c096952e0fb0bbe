package smtp.server.internal.net;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocket;
import smtp.server.internal.policy.MtaPolicy;
import smtp.server.internal.policy.Role;
import smtp.server.internal.tls.TlsContexts;
import smtp.session.ConnectionInfo;
import smtp.session.ServerAction;
import smtp.session.ServerSession;
import smtp.session.SessionState;
import smtp.session.TlsInfo;
import smtp.wire.Reply;

/**
 * One SMTP connection on its own virtual thread: blocking reads with a deadline, a
 * {@link ServerSession} that turns the octets into replies, and the TLS upgrade.
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>RFC 5321 §4.5.3.2.7: "An SMTP server SHOULD have a timeout of at least 5 minutes while it
 *     is awaiting the next command from the sender" ({@code timeout.command}); the deadline
 *     runs from the last reply, so a client that trickles one octet at a time cannot stretch
 *     it; a message after 354 must arrive within {@code timeout.data}. Expiry: 421 4.4.2.</li>
 * <li>RFC 5321 §3.1 and §4.3.1: the client waits for the greeting. On the SMTP listener the
 *     server first waits {@code limits.greeting.delay}; a client that talks in that time gets
 *     554 instead of 220 (§3.1: the session then answers 503 until QUIT).</li>
 * <li>RFC 3207 §4.2 and RFC 8314 §3.3: the TLS handshake right after 220 to STARTTLS, or on
 *     connection for implicit TLS; octets the client sent after STARTTLS are not executed (the
 *     session discards those already read, the rest break the handshake). The whole handshake
 *     must end within {@code timeout.tls}: a watchdog closes the TCP socket at the deadline, so
 *     a ClientHello trickled an octet at a time cannot hold the connection.</li>
 * <li>RFC 4954 §4: failed AUTH replies (535) are delayed, doubling with each failure of the
 *     client's address (across its connections, {@link ConnectionLimiter.Permit#authFailed}),
 *     to slow down password guessing.</li>
 * <li>RFC 5321 §4.5.3.2 bounds each command, not a session: NOOP, RSET, VRFY, EXPN and HELP
 *     beyond {@code limits.junk.commands} ({@link JunkCommands}) and a session longer than
 *     {@code timeout.session} (an open transaction gets up to {@code timeout.data} more) end
 *     with 421 (§3.8).</li>
 * </ul>
 *
 * <h2>Diagnostics</h2>
 * Nothing a client does escapes this class: I/O errors end the connection (the open message
 * is discarded), and every connection ends with a log line.
 */
public final class Connection implements Runnable {

    private static final System.Logger LOG = System.getLogger("smtp.server");

    private final Socket raw;
    private final Role role;
    private final ConnectionContext ctx;
    private final ConnectionLimiter.Permit permit;
    private final ReentrantLock lock = new ReentrantLock();
    private final String peer;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private ServerSession session;
    private MtaPolicy policy;
    private long deadline;
    private long sessionEnd;
    private boolean overtime;
    private boolean dataPhase;
    private final JunkCommands junk;
    private int acceptedSeen;
    /** Why the server ended the connection, when it did (for the log line); set before the socket closes. */
    private volatile String closeReason;

    public Connection(Socket socket, Role role, ConnectionContext ctx, ConnectionLimiter.Permit permit) {
        this.raw = socket;
        this.socket = socket;
        this.role = role;
        this.ctx = ctx;
        this.permit = permit;
        this.peer = "[" + socket.getInetAddress().getHostAddress() + "]:" + socket.getPort();
        this.junk = new JunkCommands(ctx.settings().maxJunkCommands());
    }

    @Override
    public void run() {
        ctx.open().add(this);
        long start = System.nanoTime();
        sessionEnd = start + ctx.settings().sessionTimeout().toNanos();
        String end = "disconnect";
        try {
            LOG.log(Level.INFO, "connect from " + peer + " on " + role.label());
            raw.setTcpNoDelay(true);
            Optional<TlsInfo> tls = Optional.empty();
            if (role.implicitTls()) {
                // RFC 8314 §3.3: TLS negotiation starts immediately after the connection.
                SSLSocket ssl = handshake(raw);
                tls = Optional.of(info(ssl));
                socket = ssl;
            }
            in = socket.getInputStream();
            out = new BufferedOutputStream(socket.getOutputStream()); // JDK default: 512 octets, grows to 8 KiB if needed
            boolean trusted = ctx.settings().relayNetworks().stream().anyMatch(n -> n.contains(raw.getInetAddress()));
            policy = new MtaPolicy(ctx.policies(), role, trusted, ctx.closing(), peer);
            session = new ServerSession(ctx.configs().apply(role), new ConnectionInfo(raw.getInetAddress(), tls), policy,
                    ctx.stores().apply(role, trusted), ctx.credentials());
            byte[] early = pregreet();
            if (early.length > 0) {
                LOG.log(Level.INFO, "pregreet: " + peer + " sent " + early.length + " octets before the greeting");
                policy.refuseSession(Reply.of(554, "5.5.1", ctx.settings().hostname()
                        + " Protocol error: talking before the greeting (RFC 5321 section 4.3.1)"));
            }
            locked(() -> perform(session.greeting()));
            if (early.length > 0) {
                locked(() -> perform(session.receive(early)));
            }
            end = loop();
        } catch (IOException e) {
            end = "lost connection (" + e.getMessage() + ")";
        } finally {
            if (closeReason != null) {
                end = closeReason;
            }
            if (session != null && !session.isClosed()) {
                locked(session::connectionLost);
            }
            close();
            permit.release();
            ctx.open().remove(this);
            LOG.log(Level.INFO, end + " from " + peer + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }

    private String loop() throws IOException {
        byte[] buf = new byte[4 * 1024]; // held by every connection, idle ones too: kept small
        while (!session.isClosed() && closeReason == null) {
            long now = System.nanoTime();
            long remaining = TimeUnit.NANOSECONDS.toMillis((deadline - sessionEnd < 0 ? deadline : sessionEnd) - now);
            int n;
            try {
                if (remaining <= 0) {
                    throw new SocketTimeoutException("deadline");
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                if (deadline - sessionEnd < 0) { // the command (or data) deadline came first
                    locked(() -> perform(session.timeout()));
                    return "timeout (" + (dataPhase ? "timeout.data" : "timeout.command") + ")";
                }
                locked(this::sessionTimeLimit);
                continue;
            }
            if (n < 0) {
                return "disconnect";
            }
            int count = n;
            locked(() -> {
                receive(buf, count);
                if (ctx.closing().getAsBoolean() && !session.isClosed() && !inTransaction()) {
                    closeReason = "closed at shutdown (421 sent)";
                    perform(session.shutdown());
                }
                if (overtime && !session.isClosed() && !inTransaction()) {
                    sessionTimeLimit();
                }
            });
        }
        return "disconnect";
    }

    /**
     * Gives {@code count} octets to the session; while it reads commands they are first counted
     * by {@link JunkCommands}, and the line over the limit is answered 421 instead of executed.
     */
    private void receive(byte[] buf, int count) {
        int cut = -1;
        if (readsCommands()) {
            cut = junk.scan(buf, 0, count);
        } else {
            junk.resync();
        }
        if (cut != 0) {
            perform(session.receive(buf, 0, cut < 0 ? count : cut));
        }
        if (cut >= 0 && !session.isClosed()) {
            LOG.log(Level.INFO, "junk: " + peer + " sent more than " + ctx.settings().maxJunkCommands()
                    + " NOOP, RSET, VRFY, EXPN or HELP commands without a message");
            closeWith(Reply.of(421, "4.7.0", ctx.settings().hostname() + " Error: too many commands that move no mail"
                    + " (NOOP, RSET, VRFY, EXPN, HELP), closing transmission channel"),
                    "too many junk commands (limits.junk.commands)");
            return;
        }
        enteredData();
        if (policy.acceptedMessages() != acceptedSeen) {
            acceptedSeen = policy.acceptedMessages();
            junk.reset();
        }
    }

    /**
     * {@code timeout.session} has passed: 421 now, unless a transaction is open, which gets up to
     * {@code timeout.data} more to end (then 421, whatever state it is in).
     */
    private void sessionTimeLimit() {
        if (session.isClosed()) {
            return;
        }
        if (inTransaction() && !overtime) {
            overtime = true;
            sessionEnd = System.nanoTime() + ctx.settings().dataTimeout().toNanos();
            return;
        }
        closeWith(Reply.of(421, "4.4.2", ctx.settings().hostname() + " Error: session time limit reached,"
                + " closing transmission channel"), "session time limit (timeout.session)");
    }

    /** Sends {@code reply} (a 421), closes the connection, and records {@code why} for the log. */
    private void closeWith(Reply reply, String why) {
        closeReason = why;
        perform(List.of(new ServerAction.Send(reply), new ServerAction.Close()));
        session.connectionLost();
    }

    /** True while the session reads command lines (not message data, a SASL response or a TLS handshake). */
    private boolean readsCommands() {
        return switch (session.state()) {
            case GREETED, REJECTED, READY, MAIL, RCPT, CHUNKING -> true;
            case CONNECTED, DATA, BDAT, AUTH, TLS_HANDSHAKE, CLOSED -> false;
        };
    }

    /** Waits {@code limits.greeting.delay} on the SMTP listener; what the client sent meanwhile. */
    private byte[] pregreet() throws IOException {
        long delay = ctx.settings().greetingDelay().toMillis();
        if (role != Role.SMTP || delay <= 0) {
            return new byte[0];
        }
        socket.setSoTimeout((int) delay);
        byte[] buf = new byte[4096];
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed before the greeting");
            }
            return java.util.Arrays.copyOf(buf, n);
        } catch (SocketTimeoutException e) {
            return new byte[0];
        }
    }

    /** True while a mail transaction is open (MAIL given, message not yet ended). */
    private boolean inTransaction() {
        SessionState s = session.state();
        return s == SessionState.MAIL || s == SessionState.RCPT || s == SessionState.DATA || s == SessionState.BDAT
                || s == SessionState.CHUNKING;
    }

    /** Called by the shutdown: 421 now unless a transaction is open (or {@code force}). */
    public void shutdown(boolean force) {
        try {
            if (!lock.tryLock(force ? 2 : 0, TimeUnit.SECONDS)) {
                if (force) {
                    close();
                }
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (session != null && !session.isClosed() && (force || !inTransaction())) {
                closeReason = force ? "cut short at shutdown (421 sent)" : "closed at shutdown (421 sent)";
                perform(session.shutdown());
            } else if (session == null && force) {
                close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void perform(List<ServerAction> actions) {
        boolean sent = false;
        try {
            for (ServerAction a : actions) {
                switch (a) {
                    case ServerAction.Send s -> {
                        if (s.reply().code() == 535) {
                            pause();
                        }
                        out.write(s.bytes());
                        sent = true;
                    }
                    case ServerAction.StartTls t -> {
                        out.flush();
                        startTls();
                        return;
                    }
                    case ServerAction.Close c -> {
                        out.flush();
                        close();
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            close();
        }
        if (sent) {
            dataPhase = session.state() == SessionState.DATA;
            deadline = System.nanoTime() + (dataPhase ? ctx.settings().dataTimeout() : ctx.settings().commandTimeout()).toNanos();
        }
    }

    /** Once the session reads message data (after 354, or inside a BDAT chunk), {@code timeout.data} applies. */
    private void enteredData() {
        SessionState s = session.state();
        boolean data = s == SessionState.DATA || s == SessionState.BDAT;
        if (data && !dataPhase) {
            dataPhase = true;
            deadline = System.nanoTime() + ctx.settings().dataTimeout().toNanos();
        } else if (!data && dataPhase && s != SessionState.CLOSED) {
            dataPhase = false;
        }
    }

    private void startTls() {
        SSLSocket ssl;
        try {
            ssl = handshake(socket);
        } catch (IOException e) {
            LOG.log(Level.INFO, "STARTTLS handshake failed with " + peer + ": " + e.getMessage());
            perform(session.tlsFailed());
            return;
        }
        socket = ssl;
        try {
            in = ssl.getInputStream();
            out = new BufferedOutputStream(ssl.getOutputStream());
        } catch (IOException e) {
            perform(session.tlsFailed());
            return;
        }
        perform(session.tlsStarted(info(ssl)));
        deadline = System.nanoTime() + ctx.settings().commandTimeout().toNanos();
    }

    /**
     * The TLS handshake on {@code plain}, within {@code timeout.tls} in all: each read waits at
     * most that long, and a watchdog closes the TCP socket when the whole handshake has taken
     * longer (the read deadline alone lets a client trickle a ClientHello an octet at a time).
     */
    private SSLSocket handshake(Socket plain) throws IOException {
        SSLSocket ssl = (SSLSocket) ctx.tls().getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        ssl.setUseClientMode(false);
        TlsContexts.restrict(ssl);
        java.time.Duration limit = ctx.settings().tlsTimeout();
        ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limit.toMillis()));
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().name("tls-deadline").start(() -> {
            try {
                Thread.sleep(limit);
            } catch (InterruptedException e) {
                return; // the handshake ended in time
            }
            if (over.compareAndSet(false, true)) {
                closeReason = "timeout (timeout.tls: TLS handshake not completed in " + limit.toSeconds() + " s)";
                close(raw); // the TCP socket: the SSLSocket's close would wait for the handshake's lock
            }
        });
        try {
            ssl.startHandshake();
        } finally {
            watchdog.interrupt();
        }
        if (!over.compareAndSet(false, true)) {
            throw new SocketTimeoutException("TLS handshake not completed within timeout.tls");
        }
        LOG.log(Level.INFO, "TLS with " + peer + ": " + ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite());
        return ssl;
    }

    private static TlsInfo info(SSLSocket ssl) {
        return new TlsInfo(ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite());
    }

    /**
     * RFC 4954 §4: a growing pause before each failed AUTH reply, 1, 2, 4 ... 16 times the base
     * delay, by the failures of the client's address in all its connections (reconnecting does
     * not start over).
     */
    private void pause() {
        long base = ctx.settings().authFailureDelay().toMillis();
        long delay = base << Math.min(4, permit.authFailed() - 1);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void locked(Runnable r) {
        lock.lock();
        try {
            r.run();
        } finally {
            lock.unlock();
        }
    }

    private void close() {
        close(socket);
        close(raw);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already broken
        }
    }
}
