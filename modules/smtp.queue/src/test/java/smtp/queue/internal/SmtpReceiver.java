package smtp.queue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import smtp.session.ConnectionInfo;
import smtp.session.CredentialStore;
import smtp.session.MessageStore;
import smtp.session.Policy;
import smtp.session.ServerAction;
import smtp.session.ServerConfig;
import smtp.session.ServerSession;
import smtp.session.Timeouts;
import smtp.wire.Domain;

/**
 * A minimal SMTP server for tests: the {@code smtp.session} server machine over loopback
 * sockets, one virtual thread per connection, messages into a {@link MessageStore}.
 */
final class SmtpReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final MessageStore store;
    private final ServerConfig config;

    SmtpReceiver(int port, MessageStore store) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        this.store = store;
        this.config = ServerConfig.defaults(new Domain("receiver.test")).withTimeouts(Timeouts.uniform(Duration.ofSeconds(30)));
        Thread.ofVirtual().name("smtp-receiver").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            ServerSession session = new ServerSession(config, ConnectionInfo.cleartext(socket.getInetAddress()),
                    Policy.ACCEPT_ALL, store, CredentialStore.NONE);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout((int) session.readTimeout().toMillis());
            if (act(session.greeting().stream().toList(), out)) {
                return;
            }
            byte[] buf = new byte[16384];
            while (!session.isClosed()) {
                int n = in.read(buf);
                if (n < 0) {
                    session.connectionLost();
                    return;
                }
                if (act(session.receive(buf, 0, n), out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static boolean act(java.util.List<ServerAction> actions, OutputStream out) throws IOException {
        for (ServerAction a : actions) {
            switch (a) {
                case ServerAction.Send s -> out.write(s.bytes());
                case ServerAction.StartTls t -> throw new IOException("no TLS in the test receiver");
                case ServerAction.Close c -> {
                    out.flush();
                    return true;
                }
            }
        }
        out.flush();
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
