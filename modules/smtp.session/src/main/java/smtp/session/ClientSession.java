package smtp.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import smtp.session.internal.client.ClientMachine;

/**
 * The client side of one SMTP session as a sans-I/O state machine: reply octets in, commands
 * and message streams out. The queue's delivery agent connects, feeds what it reads to
 * {@link #receive}, performs the returned {@link ClientAction}s in order, and reads one
 * {@link DeliveryResult} per message from {@link #results()} once {@link #isDone()}.
 *
 * <pre>{@code
 * ClientSession c = new ClientSession(ClientConfig.defaults(new Domain("mx.example.org")),
 *         List.of(new OutboundMessage(envelope, MessageBody.of(spoolFile))));
 * while (!c.isDone()) {
 *     socket.setSoTimeout((int) c.replyTimeout().toMillis());
 *     int n = in.read(buf);                        // SocketTimeoutException -> act(c.timeout())
 *     List<ClientAction> actions = n < 0 ? c.connectionLost() : c.receive(buf, 0, n);
 *     for (ClientAction a : actions) {
 *         switch (a) {
 *             case ClientAction.Send s -> out.write(s.bytes());
 *             case ClientAction.SendMessage m -> m.writeTo(out);   // DATA dot-stuffed, or BDAT LAST
 *             case ClientAction.StartTls t -> { out.flush(); upgrade(); act(c.tlsStarted(info)); }
 *             case ClientAction.Close x -> socket.close();
 *         }
 *     }
 *     out.flush();
 * }
 * for (DeliveryResult r : c.results()) { ... r.recipients() ... }
 * }</pre>
 *
 * <h2>Standards</h2>
 * RFC 5321 §3, §4.1.4, §4.2, §4.3.2, §4.5.3.2 (timeouts: {@link #replyTimeout()}); RFC 1870
 * (SIZE), RFC 2920 (PIPELINING), RFC 3030 (CHUNKING, one BDAT LAST chunk), RFC 3207 (STARTTLS,
 * per {@link TlsPolicy}), RFC 3461 (DSN parameters relayed), RFC 4954 with RFC 4616, RFC 7677
 * (AUTH PLAIN, LOGIN, SCRAM-SHA-256), RFC 6152 (8BITMIME), RFC 6531 (SMTPUTF8).
 *
 * <h2>Diagnostics</h2>
 * Never throws for anything a server sends: a malformed or unexpected reply, a lost connection
 * or a timeout ends the session with temporary failures for every recipient not yet decided.
 * {@link IllegalStateException} only when the I/O layer calls out of order.
 *
 * <p>Not thread-safe: one session per connection.
 */
public final class ClientSession {

    private final ClientMachine machine;

    /**
     * @param config   the configuration
     * @param messages the messages to send over this connection, in order (one transaction each;
     *                 all their recipients should be served by this server)
     */
    public ClientSession(ClientConfig config, List<OutboundMessage> messages) {
        this.machine = new ClientMachine(Objects.requireNonNull(config, "config"), messages);
    }

    /** The results for messages when the connection could not even be opened (4.4.1, temporary). */
    public static List<DeliveryResult> connectFailed(List<OutboundMessage> messages, String reason) {
        ClientSession s = new ClientSession(ClientConfig.defaults(new smtp.wire.Domain("localhost")), messages);
        s.machine.connectFailed(reason);
        return s.results();
    }

    /** Takes octets read from the server (any amount); returns what to do next. */
    public List<ClientAction> receive(byte[] buf, int off, int len) {
        return machine.receive(buf, off, len);
    }

    /** {@link #receive(byte[], int, int)} of a whole array. */
    public List<ClientAction> receive(byte[] buf) {
        return machine.receive(buf, 0, buf.length);
    }

    /** The TLS handshake after STARTTLS succeeded: the session sends EHLO again (RFC 3207 §4.2). */
    public List<ClientAction> tlsStarted(TlsInfo tls) {
        return machine.tlsStarted(Objects.requireNonNull(tls, "tls"));
    }

    /** The TLS handshake failed: every undecided recipient fails temporarily (4.7.5). */
    public List<ClientAction> tlsFailed(String reason) {
        return machine.tlsFailed(reason);
    }

    /** {@link #replyTimeout()} expired: undecided recipients fail temporarily (4.4.2). */
    public List<ClientAction> timeout() {
        return machine.timeout();
    }

    /**
     * A write did not finish within {@link Timeouts#dataBlock()} (RFC 5321 §4.5.3.2.5: "while
     * awaiting the completion of each TCP SEND call"), so the I/O layer gave up the connection:
     * undecided recipients fail temporarily (4.4.2).
     */
    public List<ClientAction> writeTimeout() {
        return machine.writeTimeout();
    }

    /** The server closed the connection or it broke: undecided recipients fail temporarily. */
    public List<ClientAction> connectionLost() {
        return machine.connectionLost();
    }

    /**
     * How long to wait for the next reply, per RFC 5321 §4.5.3.2: 5 minutes for the greeting,
     * MAIL and RCPT, 2 for DATA's 354, 10 after the end of data. Writes of message data use
     * {@link Timeouts#dataBlock()} (3 minutes) each.
     */
    public Duration replyTimeout() {
        return machine.replyTimeout();
    }

    /** True once the session is over (after QUIT's reply, or a failure); results are then final. */
    public boolean isDone() {
        return machine.isDone();
    }

    /** One result per finished message, in order; complete once {@link #isDone()}. */
    public List<DeliveryResult> results() {
        return machine.results();
    }

    /** What the server announced, once EHLO (or HELO) succeeded. */
    public Optional<Capabilities> capabilities() {
        return machine.capabilities();
    }
}
