package smtp.queue.internal;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import smtp.session.ClientAction;
import smtp.session.ClientSession;
import smtp.session.DeliveryResult;
import smtp.session.OutboundMessage;
import smtp.session.TlsInfo;

/**
 * The socket side of one SMTP client session: connects, feeds what the server sends to the
 * sans-I/O {@link ClientSession}, performs its actions (write commands, stream the message,
 * start TLS, close) and enforces its timeouts. The protocol decisions are all the session's.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.3.2 (per-command timeouts: the read timeout is the session's
 * {@link ClientSession#replyTimeout()}; each write is bounded by the data block timeout, see
 * {@link TimedOutputStream}), RFC 3207 §4 (the TLS handshake after 220 to STARTTLS), RFC 8996
 * (TLS 1.2 or later).
 *
 * <h2>Diagnostics</h2>
 * Never throws: a refused connection, a timeout or a broken connection become the session's
 * temporary failures. {@link #connected()} tells whether a TCP connection was made at all.
 */
final class ClientConnection {

    /**
     * Closes the sockets of writes that outlive their deadline. Cancelled alarms leave its queue
     * at once (one is set per 64 KiB written, nearly all are cancelled well before they fire).
     */
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "smtp-write-watchdog");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true);
        return w;
    }

    /** TLS 1.3 and 1.2 only (RFC 8996 deprecates TLS 1.0 and 1.1). */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final InetAddress address;
    private final int port;
    private final String hostName;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private final SSLContext tls;
    private final boolean verifyHost;
    private boolean connected;

    ClientConnection(InetAddress address, int port, String hostName, Duration connectTimeout, Duration writeTimeout,
                     SSLContext tls, boolean verifyHost) {
        this.address = address;
        this.port = port;
        this.hostName = hostName;
        this.connectTimeout = connectTimeout;
        this.writeTimeout = writeTimeout;
        this.tls = tls;
        this.verifyHost = verifyHost;
    }

    /** True once the TCP connection was established (false: refused, unreachable, connect timeout). */
    boolean connected() {
        return connected;
    }

    /** Runs the session to its end and returns its results. */
    List<DeliveryResult> run(ClientSession session, List<OutboundMessage> messages) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        } catch (IOException e) {
            close(socket);
            return ClientSession.connectFailed(messages, describe(e));
        }
        connected = true;
        Io io = new Io(socket);
        try {
            byte[] buf = new byte[8192];
            while (!session.isDone() && !io.closed) {
                io.socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, session.replyTimeout().toMillis())));
                List<ClientAction> actions;
                try {
                    int n = io.in.read(buf);
                    actions = n < 0 ? session.connectionLost() : session.receive(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    actions = session.timeout();
                } catch (IOException e) {
                    actions = session.connectionLost();
                }
                perform(session, io, actions);
            }
        } catch (IOException e) {
            // setSoTimeout on a closed socket: the session has already been told
            if (!session.isDone()) {
                perform(session, io, session.connectionLost());
            }
        } finally {
            close(io.socket);
        }
        return session.results();
    }

    /** Performs actions in order; STARTTLS may add more (the EHLO after the handshake). */
    private void perform(ClientSession session, Io io, List<ClientAction> first) {
        Deque<ClientAction> todo = new ArrayDeque<>(first);
        while (!todo.isEmpty() && !io.closed) {
            ClientAction a = todo.removeFirst();
            try {
                switch (a) {
                    case ClientAction.Send s -> {
                        io.out.write(s.bytes());
                        io.out.flush();
                    }
                    case ClientAction.SendMessage m -> {
                        m.writeTo(io.out);
                        io.out.flush();
                    }
                    case ClientAction.StartTls t -> {
                        io.out.flush();
                        List<ClientAction> next;
                        try {
                            next = session.tlsStarted(io.startTls());
                        } catch (IOException e) {
                            next = session.tlsFailed(describe(e));
                        }
                        for (int i = next.size() - 1; i >= 0; i--) {
                            todo.addFirst(next.get(i));
                        }
                    }
                    case ClientAction.Close c -> io.closed = true;
                }
            } catch (IOException e) {
                // A write failed (or outlived the data block timeout, and the watchdog closed the
                // connection), or the message could not be read: the connection is unusable.
                if (!session.isDone()) {
                    List<ClientAction> lost = io.writeExpired ? session.writeTimeout() : session.connectionLost();
                    todo.clear();
                    todo.addAll(lost.stream().filter(x -> x instanceof ClientAction.Close).toList());
                }
                io.closed = true;
            }
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The current socket and streams (replaced after STARTTLS). */
    private final class Io {
        /** The TCP connection: what the watchdog closes, also under TLS. */
        final Socket tcp;
        Socket socket;
        InputStream in;
        OutputStream out;
        boolean closed;
        volatile boolean writeExpired;

        Io(Socket socket) {
            this.tcp = socket;
            set(socket);
        }

        private void set(Socket s) {
            this.socket = s;
            try {
                this.in = s.getInputStream();
                this.out = new BufferedOutputStream(new TimedOutputStream(s.getOutputStream(), this, writeTimeout), 1 << 16);
            } catch (IOException e) {
                closed = true;
            }
        }

        TlsInfo startTls() throws IOException {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, hostName, port, true);
            ssl.setUseClientMode(true);
            SSLParameters p = ssl.getSSLParameters();
            // RFC 8996 §2-§3 (and RFC 8314 §4.1): TLS 1.2 or later, never TLS 1.0 or 1.1.
            p.setProtocols(PROTOCOLS);
            if (verifyHost) {
                p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 host name check
            }
            ssl.setSSLParameters(p);
            ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, writeTimeout.toMillis()));
            ssl.startHandshake();
            set(ssl);
            return new TlsInfo(ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite());
        }
    }

    /**
     * Bounds each write: RFC 5321 §4.5.3.2.5, "Data Block: 3 minutes. This is while awaiting the
     * completion of each TCP SEND call transmitting a chunk of data" (the value is
     * {@link smtp.session.Timeouts#dataBlock()}, configured in {@link smtp.queue.DeliveryConfig#timeouts()};
     * it bounds command writes too). A write that has not finished in time (a server that stopped
     * reading) makes the watchdog close the TCP connection, which makes the write fail; the session
     * then records a write timeout, 4.4.2. The TCP socket is closed, never the TLS socket on top of it:
     * closing a TLS socket waits for the lock that the stuck write holds.
     */
    private static final class TimedOutputStream extends FilterOutputStream {
        private final Io io;
        private final long deadlineMillis;

        TimedOutputStream(OutputStream out, Io io, Duration deadline) {
            super(out);
            this.io = io;
            this.deadlineMillis = Math.max(1, deadline.toMillis());
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
                io.writeExpired = true;
                ClientConnection.close(io.tcp);
            }, deadlineMillis, TimeUnit.MILLISECONDS);
            try {
                out.write(b, off, len);
            } finally {
                alarm.cancel(false);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
