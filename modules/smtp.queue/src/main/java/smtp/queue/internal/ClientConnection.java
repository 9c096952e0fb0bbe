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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 * {@link ClientSession#replyTimeout()}, each write of message data is bounded by the data block
 * timeout), RFC 3207 §4 (the TLS handshake after 220 to STARTTLS).
 *
 * <h2>Diagnostics</h2>
 * Never throws: a refused connection, a timeout or a broken connection become the session's
 * temporary failures. {@link #connected()} tells whether a TCP connection was made at all.
 */
final class ClientConnection {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-write-watchdog");
        t.setDaemon(true);
        return t;
    });

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
                // A write failed or the message could not be read: the connection is unusable.
                if (!session.isDone()) {
                    List<ClientAction> lost = session.connectionLost();
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
        Socket socket;
        InputStream in;
        OutputStream out;
        boolean closed;

        Io(Socket socket) {
            set(socket);
        }

        private void set(Socket s) {
            this.socket = s;
            try {
                this.in = s.getInputStream();
                this.out = new BufferedOutputStream(new TimedOutputStream(s.getOutputStream(), s), 1 << 16);
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
     * Bounds each write (RFC 5321 §4.5.3.2.5, data block: 3 minutes): a write that does not
     * finish in time closes the socket, which makes it fail.
     */
    private final class TimedOutputStream extends FilterOutputStream {
        private final Socket socket;

        TimedOutputStream(OutputStream out, Socket socket) {
            super(out);
            this.socket = socket;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> ClientConnection.close(socket), writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
