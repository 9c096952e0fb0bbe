package smtp.session.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import smtp.session.ClientAction;
import smtp.session.ClientSession;
import smtp.session.ServerAction;
import smtp.session.ServerSession;
import smtp.session.TlsInfo;

/**
 * Connects a {@link ClientSession} and a {@link ServerSession} in process, without sockets: the
 * octets one writes are what the other receives, STARTTLS "handshakes" when both sides have asked
 * for it, and either side closing ends the other. Octets to the server can be cut into pieces of
 * a chosen size, to show that framing does not depend on how the network splits them.
 */
public final class Loopback {

    /** What the in-process "handshake" reports to both sides. */
    public static final TlsInfo TLS = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256");

    private final ClientSession client;
    private final ServerSession server;
    private final int piece;
    private final Deque<byte[]> toServer = new ArrayDeque<>();
    private final Deque<byte[]> toClient = new ArrayDeque<>();
    private boolean serverTls;
    private boolean clientTls;
    private boolean serverClosed;
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    private Loopback(ClientSession client, ServerSession server, int piece) {
        this.client = client;
        this.server = server;
        this.piece = piece;
    }

    /** Runs the two sessions to the end; returns the octets both sides wrote, in order. */
    public static String run(ClientSession client, ServerSession server) {
        return run(client, server, Integer.MAX_VALUE);
    }

    /** As {@link #run(ClientSession, ServerSession)}, feeding the server at most {@code piece} octets at a time. */
    public static String run(ClientSession client, ServerSession server, int piece) {
        Loopback l = new Loopback(client, server, piece);
        l.server(server.greeting());
        l.loop();
        return l.transcript.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void loop() {
        for (int steps = 0; !client.isDone(); steps++) {
            if (steps > 1_000_000) {
                throw new IllegalStateException("loopback does not terminate");
            }
            if (!toClient.isEmpty()) {
                client(client.receive(toClient.poll()));
            } else if (!toServer.isEmpty()) {
                byte[] b = toServer.poll();
                for (int off = 0; off < b.length && !serverClosed; off += piece) {
                    server(server.receive(Arrays.copyOfRange(b, off, (int) Math.min(b.length, (long) off + piece))));
                }
            } else if (serverTls && clientTls) {
                serverTls = false;
                clientTls = false;
                server(server.tlsStarted(TLS));
                client(client.tlsStarted(TLS));
            } else if (serverClosed) {
                client(client.connectionLost());
            } else {
                throw new IllegalStateException("deadlock: client waits, server waits (state " + server.state() + ")");
            }
        }
        if (!serverClosed) {
            server.connectionLost();
        }
    }

    private void server(List<ServerAction> actions) {
        for (ServerAction a : actions) {
            switch (a) {
                case ServerAction.Send s -> {
                    toClient.add(s.bytes());
                    transcript.writeBytes(s.bytes());
                }
                case ServerAction.StartTls t -> serverTls = true;
                case ServerAction.Close c -> serverClosed = true;
            }
        }
    }

    private void client(List<ClientAction> actions) {
        for (ClientAction a : actions) {
            switch (a) {
                case ClientAction.Send s -> {
                    toServer.add(s.bytes());
                    transcript.writeBytes(s.bytes());
                }
                case ClientAction.SendMessage m -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try {
                        m.writeTo(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    toServer.add(out.toByteArray());
                    transcript.writeBytes(out.toByteArray());
                }
                case ClientAction.StartTls t -> clientTls = true;
                case ClientAction.Close c -> {
                    if (!serverClosed) {
                        server.connectionLost();
                        serverClosed = true;
                    }
                }
            }
        }
    }
}
