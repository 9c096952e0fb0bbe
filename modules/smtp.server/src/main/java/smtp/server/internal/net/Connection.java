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
 *     session discards those already read, the rest break the handshake).</li>
 * <li>RFC 4954 §4: failed AUTH replies (535) are delayed, doubling with each failure, to slow
 *     down password guessing.</li>
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
    private long deadline;
    private boolean dataPhase;
    private int authFailures;

    public Connection(Socket socket, Role role, ConnectionContext ctx, ConnectionLimiter.Permit permit) {
        this.raw = socket;
        this.socket = socket;
        this.role = role;
        this.ctx = ctx;
        this.permit = permit;
        this.peer = "[" + socket.getInetAddress().getHostAddress() + "]:" + socket.getPort();
    }

    @Override
    public void run() {
        ctx.open().add(this);
        long start = System.nanoTime();
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
            MtaPolicy policy = new MtaPolicy(ctx.policies(), role, trusted, ctx.closing(), peer);
            session = new ServerSession(ctx.configs().apply(role), new ConnectionInfo(raw.getInetAddress(), tls), policy,
                    ctx.stores().apply(role, trusted), ctx.credentials());
            byte[] early = pregreet();
            if (early.length > 0) {
                LOG.log(Level.INFO, "pregreet: " + peer + " sent " + early.length + " octets before the greeting");
                policy.refuseSession(Reply.of(554, "5.5.1", ctx.settings().hostname()
                        + " Protocol error: talking before the greeting (RFC 5321 §4.3.1)"));
            }
            locked(() -> perform(session.greeting()));
            if (early.length > 0) {
                locked(() -> perform(session.receive(early)));
            }
            end = loop();
        } catch (IOException e) {
            end = "lost connection (" + e.getMessage() + ")";
        } finally {
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
        while (!session.isClosed()) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            int n;
            try {
                if (remaining <= 0) {
                    throw new SocketTimeoutException("deadline");
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                locked(() -> perform(session.timeout()));
                return "timeout (" + (dataPhase ? "timeout.data" : "timeout.command") + ")";
            }
            if (n < 0) {
                return "disconnect";
            }
            int count = n;
            locked(() -> {
                perform(session.receive(buf, 0, count));
                enteredData();
                if (ctx.closing().getAsBoolean() && !session.isClosed() && !inTransaction()) {
                    perform(session.shutdown());
                }
            });
        }
        return "disconnect";
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

    private SSLSocket handshake(Socket plain) throws IOException {
        SSLSocket ssl = (SSLSocket) ctx.tls().getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        ssl.setUseClientMode(false);
        TlsContexts.restrict(ssl);
        ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ctx.settings().commandTimeout().toMillis()));
        ssl.startHandshake();
        LOG.log(Level.INFO, "TLS with " + peer + ": " + ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite());
        return ssl;
    }

    private static TlsInfo info(SSLSocket ssl) {
        return new TlsInfo(ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite());
    }

    /** RFC 4954 §4: a growing pause before each failed AUTH reply, 1, 2, 4 ... 16 times the base delay. */
    private void pause() {
        long base = ctx.settings().authFailureDelay().toMillis();
        long delay = base << Math.min(4, authFailures);
        authFailures++;
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
        try {
            socket.close();
        } catch (IOException e) {
            // already broken
        }
        try {
            raw.close();
        } catch (IOException e) {
            // already broken
        }
    }
}
