package smtp.session.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import smtp.session.ClientAction;
import smtp.session.ClientSession;
import smtp.session.ServerAction;
import smtp.session.ServerSession;
import smtp.session.TlsInfo;

/**
 * The smallest blocking socket loops around the two machines, for interop tests with real peers
 * (and as a reference for the server and queue modules): read, hand the octets to the machine,
 * perform its actions in order, honour its timeout.
 */
public final class SocketDriver {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final SSLContext tls;

    private SocketDriver(Socket socket, SSLContext tls) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.tls = tls;
    }

    /** Serves one connection with {@code session} until it closes. */
    public static void serve(Socket socket, ServerSession session, SSLContext tls) throws IOException {
        SocketDriver d = new SocketDriver(socket, tls);
        try (socket) {
            d.server(session, session.greeting());
            byte[] buf = new byte[8192];
            while (!session.isClosed()) {
                socket.setSoTimeout((int) session.readTimeout().toMillis());
                int n;
                try {
                    n = d.in.read(buf);
                } catch (SocketTimeoutException e) {
                    d.server(session, session.timeout());
                    break;
                }
                if (n < 0) {
                    session.connectionLost();
                    break;
                }
                d.server(session, session.receive(buf, 0, n));
            }
        }
    }

    private void server(ServerSession session, List<ServerAction> actions) throws IOException {
        for (ServerAction a : actions) {
            switch (a) {
                case ServerAction.Send s -> out.write(s.bytes());
                case ServerAction.StartTls t -> {
                    out.flush();
                    server(session, upgrade(false) ? session.tlsStarted(info()) : session.tlsFailed());
                }
                case ServerAction.Close c -> {
                    out.flush();
                    socket.close();
                }
            }
        }
        if (!socket.isClosed()) {
            out.flush();
        }
    }

    /** Connects to {@code host:port} and runs {@code session} to its end. */
    public static void deliver(String host, int port, ClientSession session, SSLContext tls) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 10_000);
        } catch (IOException e) {
            return; // the session's results stay empty; ClientSession.connectFailed is for this case
        }
        SocketDriver d = new SocketDriver(socket, tls);
        try (socket) {
            byte[] buf = new byte[8192];
            while (!session.isDone()) {
                socket.setSoTimeout((int) session.replyTimeout().toMillis());
                int n;
                try {
                    n = d.in.read(buf);
                } catch (SocketTimeoutException e) {
                    d.client(session, session.timeout());
                    break;
                } catch (IOException e) {
                    n = -1;
                }
                d.client(session, n < 0 ? session.connectionLost() : session.receive(buf, 0, n));
            }
        }
    }

    private void client(ClientSession session, List<ClientAction> actions) throws IOException {
        for (ClientAction a : actions) {
            switch (a) {
                case ClientAction.Send s -> out.write(s.bytes());
                case ClientAction.SendMessage m -> m.writeTo(out);
                case ClientAction.StartTls t -> {
                    out.flush();
                    client(session, upgrade(true) ? session.tlsStarted(info()) : session.tlsFailed("handshake failed"));
                }
                case ClientAction.Close c -> socket.close();
            }
        }
        if (!socket.isClosed()) {
            out.flush();
        }
    }

    private boolean upgrade(boolean clientMode) {
        try {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            ssl.setUseClientMode(clientMode);
            ssl.startHandshake();
            socket = ssl;
            in = ssl.getInputStream();
            out = ssl.getOutputStream();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private TlsInfo info() {
        var s = ((SSLSocket) socket).getSession();
        return new TlsInfo(s.getProtocol(), s.getCipherSuite());
    }
}
