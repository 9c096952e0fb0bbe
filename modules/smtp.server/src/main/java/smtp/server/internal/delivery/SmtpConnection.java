package smtp.server.internal.delivery;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import smtp.server.internal.tls.TlsContexts;
import smtp.session.ClientAction;
import smtp.session.ClientConfig;
import smtp.session.ClientSession;
import smtp.session.DeliveryResult;
import smtp.session.OutboundMessage;
import smtp.session.TlsInfo;

/**
 * One outbound SMTP connection: connects to one address, drives a {@link ClientSession} over
 * the socket (STARTTLS when offered, per the session's TLS policy) and returns its results.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.3.2 (the client's per-command timeouts, from {@link ClientSession#replyTimeout()}),
 * RFC 3207 (STARTTLS), RFC 8314 §4.1 / RFC 8996 (TLS 1.2 or later).
 *
 * <h2>Diagnostics</h2>
 * Never throws: a refused connection, a timeout or a broken connection become temporary
 * failures of every undecided recipient, as {@link ClientSession} reports them.
 */
final class SmtpConnection {

    private final SSLContext tls;
    private final Duration connectTimeout;

    SmtpConnection(SSLContext tls, Duration connectTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
    }

    /** Sends {@code messages} to {@code address}; {@code hostName} is for TLS SNI and logs. */
    List<DeliveryResult> send(InetSocketAddress address, String hostName, ClientConfig config,
                              List<OutboundMessage> messages) {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) connectTimeout.toMillis());
        } catch (IOException e) {
            close(socket);
            return ClientSession.connectFailed(messages, "connect to " + hostName + "[" + address.getAddress().getHostAddress()
                    + "]:" + address.getPort() + " failed: " + e.getMessage());
        }
        ClientSession session = new ClientSession(config, messages);
        try {
            run(socket, session, hostName);
        } finally {
            close(socket);
        }
        return session.results();
    }

    private void run(Socket socket, ClientSession session, String hostName) {
        Socket current = socket;
        byte[] buf = new byte[8192];
        try {
            InputStream in = current.getInputStream();
            OutputStream out = new BufferedOutputStream(current.getOutputStream(), 16 * 1024);
            while (!session.isDone()) {
                current.setSoTimeout((int) Math.max(1, session.replyTimeout().toMillis()));
                List<ClientAction> actions;
                try {
                    int n = in.read(buf);
                    actions = n < 0 ? session.connectionLost() : session.receive(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    actions = session.timeout();
                }
                while (!actions.isEmpty()) {
                    List<ClientAction> next = List.of();
                    for (ClientAction a : actions) {
                        switch (a) {
                            case ClientAction.Send s -> out.write(s.bytes());
                            case ClientAction.SendMessage m -> m.writeTo(out);
                            case ClientAction.StartTls t -> {
                                out.flush();
                                SSLSocket ssl;
                                try {
                                    ssl = (SSLSocket) tls.getSocketFactory().createSocket(current, hostName,
                                            current.getPort(), true);
                                    ssl.setUseClientMode(true);
                                    TlsContexts.restrict(ssl);
                                    ssl.startHandshake();
                                } catch (IOException e) {
                                    next = session.tlsFailed(e.getMessage() == null ? e.toString() : e.getMessage());
                                    continue;
                                }
                                current = ssl;
                                in = ssl.getInputStream();
                                out = new BufferedOutputStream(ssl.getOutputStream(), 16 * 1024);
                                next = session.tlsStarted(new TlsInfo(ssl.getSession().getProtocol(),
                                        ssl.getSession().getCipherSuite()));
                            }
                            case ClientAction.Close c -> {
                                out.flush();
                                close(current);
                            }
                        }
                    }
                    out.flush();
                    actions = next;
                }
            }
        } catch (IOException e) {
            if (!session.isDone()) {
                session.connectionLost();
            }
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
