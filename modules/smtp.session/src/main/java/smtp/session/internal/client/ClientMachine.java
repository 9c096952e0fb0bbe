package smtp.session.internal.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import smtp.session.Capabilities;
import smtp.session.ClientAction;
import smtp.session.ClientConfig;
import smtp.session.DeliveryResult;
import smtp.session.Extension;
import smtp.session.OutboundMessage;
import smtp.session.Stage;
import smtp.session.TlsInfo;
import smtp.session.TlsPolicy;
import smtp.session.Timeouts;
import smtp.wire.Command;
import smtp.wire.Ehlo;
import smtp.wire.Helo;
import smtp.wire.LineFramer;
import smtp.wire.ParseResult;
import smtp.wire.Quit;
import smtp.wire.Reply;
import smtp.wire.ReplyAssembler;
import smtp.wire.StartTls;

/**
 * The client state machine behind {@link smtp.session.ClientSession}: reads replies, opens the
 * session (greeting, EHLO with HELO fallback, STARTTLS, AUTH through {@link AuthDialogue}) and
 * then hands each message to a {@link TransactionDriver}; QUIT at the end.
 *
 * <h2>Standards</h2>
 * RFC 5321 §3.1, §4.1.1.1 (EHLO, falling back to HELO on 500/502 from a server that predates
 * EHLO), §4.2.1 (multi-line replies), §4.3.2 ("SMTP clients SHOULD, when possible, interpret
 * only the first digit of the reply"); RFC 3207 §4 (STARTTLS; "the client MUST discard any
 * knowledge obtained from the server, such as the list of SMTP service extensions, which was not
 * obtained from the TLS negotiation itself" and sends EHLO again); RFC 4954 §4 (AUTH, "*" to
 * cancel).
 *
 * <h2>Diagnostics</h2>
 * Session-level failures (greeting, EHLO, STARTTLS, AUTH, lost connection, timeout, a malformed
 * reply, a 421) fail every undecided recipient temporarily, whatever the reply's class, so the
 * queue can try another MX or later (as Postfix does with a 5yz greeting or a failed AUTH);
 * replies to MAIL, RCPT, DATA and the end of data decide by their first digit.
 */
public final class ClientMachine {

    /** Reply lines longer than RFC 5321 §4.5.3.1.5's 512 octets are tolerated up to this. */
    private static final int MAX_REPLY_LINE = 4096;

    final ClientConfig config;
    private final List<OutboundMessage> messages;
    private LineFramer framer = new LineFramer(MAX_REPLY_LINE);
    private ReplyAssembler assembler = new ReplyAssembler();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private List<ClientAction> out = new ArrayList<>();
    Capabilities capabilities = Capabilities.NONE;
    /** The capabilities once EHLO or HELO succeeded (again after STARTTLS); null before. */
    private Capabilities known;
    Optional<TlsInfo> tls = Optional.empty();
    boolean authenticated;
    private boolean tlsRefused;
    private boolean awaitingHandshake;
    private final AuthDialogue auth = new AuthDialogue(this);
    private boolean closed;
    private boolean quitting;
    private final List<DeliveryResult> results = new ArrayList<>();
    private int index;
    private TransactionDriver transaction;
    private boolean needRset;

    public ClientMachine(ClientConfig config, List<OutboundMessage> messages) {
        this.config = config;
        this.messages = List.copyOf(messages);
        pending.add(Pending.of(Pending.Kind.GREETING));
    }

    // ---------------------------------------------------------------- inputs

    public List<ClientAction> receive(byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        int pos = off;
        int end = off + len;
        while (pos < end && !closed && !awaitingHandshake) {
            int n = framer.feed(buf, pos, end - pos);
            if (n <= 0) {
                throw new IllegalStateException("line framer made no progress");
            }
            pos += n;
            Optional<LineFramer.Framed> framed = framer.take();
            if (framed.isEmpty()) {
                continue;
            }
            switch (framed.get()) {
                case LineFramer.Framed.TooLong t -> abandon(ClientReplies.protocolError("reply line over "
                        + MAX_REPLY_LINE + " octets"), currentStage(), false);
                case LineFramer.Framed.Line line -> line(new String(line.content(), StandardCharsets.UTF_8));
            }
        }
        return flush();
    }

    private void line(String text) {
        Optional<ParseResult<Reply>> assembled = assembler.accept(text);
        if (assembled.isEmpty()) {
            return;
        }
        switch (assembled.get()) {
            case ParseResult.Ok<Reply> ok -> reply(ok.value());
            case ParseResult.Invalid<Reply> bad -> abandon(ClientReplies.protocolError("malformed reply: "
                    + bad.reply().text()), currentStage(), false);
        }
    }

    public List<ClientAction> tlsStarted(TlsInfo info) {
        if (!awaitingHandshake) {
            throw new IllegalStateException("tlsStarted() without a 220 to STARTTLS");
        }
        awaitingHandshake = false;
        tls = Optional.of(info);
        // RFC 3207 §4.2: forget the extension list and everything read before the handshake.
        capabilities = Capabilities.NONE;
        known = null;
        framer = new LineFramer(MAX_REPLY_LINE);
        assembler = new ReplyAssembler();
        sendEhlo();
        return flush();
    }

    public List<ClientAction> tlsFailed(String reason) {
        awaitingHandshake = false;
        abandon(ClientReplies.tlsFailed(reason), Stage.STARTTLS, false);
        return flush();
    }

    /** The connection could not be opened: every recipient fails temporarily at CONNECT. */
    public void connectFailed(String reason) {
        abandon(ClientReplies.connectFailed(reason), Stage.CONNECT, false);
        out.clear();
    }

    public List<ClientAction> timeout() {
        abandon(ClientReplies.TIMEOUT, currentStage(), false);
        return flush();
    }

    public List<ClientAction> writeTimeout() {
        abandon(ClientReplies.WRITE_TIMEOUT, currentStage(), false);
        return flush();
    }

    public List<ClientAction> connectionLost() {
        abandon(ClientReplies.CONNECTION_LOST, currentStage(), false);
        return flush();
    }

    public Duration replyTimeout() {
        Timeouts t = config.timeouts();
        Pending head = pending.peek();
        if (head == null) {
            return t.mail();
        }
        return switch (head.kind()) {
            case GREETING -> t.initial();                     // RFC 5321 §4.5.3.2.1
            case RCPT -> t.rcpt();                            // §4.5.3.2.3
            case DATA -> t.dataInitiation();                  // §4.5.3.2.4
            case MESSAGE, LONE_DOT -> t.dataTermination();    // §4.5.3.2.6
            case EHLO, HELO, STARTTLS, AUTH, RSET, MAIL, QUIT -> t.mail(); // §4.5.3.2.2
        };
    }

    public boolean isDone() {
        return closed;
    }

    public List<DeliveryResult> results() {
        return List.copyOf(results);
    }

    public Optional<Capabilities> capabilities() {
        return Optional.ofNullable(known);
    }

    private List<ClientAction> flush() {
        List<ClientAction> r = out;
        out = new ArrayList<>();
        return r;
    }

    // ---------------------------------------------------------------- replies

    private void reply(Reply reply) {
        Pending p = pending.poll();
        if (p == null) {
            abandon(ClientReplies.protocolError("unexpected reply " + reply), currentStage(), false);
            return;
        }
        if (reply.code() == 421 && p.kind() != Pending.Kind.QUIT) {
            // RFC 5321 §3.8: 421 means the server is closing the channel, whatever the command was.
            abandon(reply, stageOf(p), true);
            return;
        }
        switch (p.kind()) {
            case GREETING -> greeting(reply);
            case EHLO -> ehlo(reply);
            case HELO -> helo(reply);
            case STARTTLS -> startTls(reply);
            case AUTH -> auth.reply(reply);
            case RSET, MAIL, RCPT, DATA, LONE_DOT, MESSAGE -> transaction.reply(p, reply);
            case QUIT -> close();
        }
    }

    private void greeting(Reply reply) {
        if (reply.isPositive()) {
            sendEhlo();
        } else {
            // RFC 5321 §3.1: after a 554 greeting the client should send QUIT. Treated as temporary,
            // as Postfix's smtp_skip_5xx_greeting: another MX may well accept the mail.
            giveUp(reply, Stage.GREETING, true);
        }
    }

    private void sendEhlo() {
        send(List.of(new Ehlo(config.heloName())), List.of(Pending.of(Pending.Kind.EHLO)));
    }

    private void ehlo(Reply reply) {
        if (reply.isPositive()) {
            capabilities = Capabilities.fromEhlo(reply);
            known = capabilities;
            afterHello();
        } else if (reply.code() == 500 || reply.code() == 502) {
            // RFC 5321 §4.1.4 / §3.2: a server that does not know EHLO answers 500 or 502: use HELO.
            send(List.of(new Helo(config.heloName())), List.of(Pending.of(Pending.Kind.HELO)));
        } else {
            giveUp(reply, Stage.HELLO, true);
        }
    }

    private void helo(Reply reply) {
        if (reply.isPositive()) {
            capabilities = Capabilities.NONE;
            known = capabilities;
            afterHello();
        } else {
            giveUp(reply, Stage.HELLO, true);
        }
    }

    private void afterHello() {
        if (tls.isEmpty() && !tlsRefused && config.tls() != TlsPolicy.DISABLED && capabilities.offers(Extension.STARTTLS)) {
            send(List.of(new StartTls()), List.of(Pending.of(Pending.Kind.STARTTLS)));
            return;
        }
        if (tls.isEmpty() && config.tls() == TlsPolicy.REQUIRED) {
            giveUp(ClientReplies.TLS_NOT_OFFERED, Stage.STARTTLS, false);
            return;
        }
        if (config.credentials().isPresent() && !authenticated) {
            auth.start(config.credentials().get());
            return;
        }
        nextMessage();
    }

    private void startTls(Reply reply) {
        if (reply.code() == 220) {
            awaitingHandshake = true;
            known = null; // RFC 3207 §4.2: what EHLO said before TLS no longer counts
            out.add(new ClientAction.StartTls());
        } else if (config.tls() == TlsPolicy.REQUIRED) {
            giveUp(reply, Stage.STARTTLS, true);
        } else {
            // RFC 3207 §4.1: the client may go on without TLS when the server refuses (454).
            tlsRefused = true;
            afterHello();
        }
    }

    // ---------------------------------------------------------------- transactions

    /** Starts the next message, or QUIT when all are done. */
    void nextMessage() {
        while (index < messages.size()) {
            OutboundMessage message = messages.get(index);
            boolean rsetFirst = needRset;
            transaction = new TransactionDriver(this, message, rsetFirst);
            needRset = false;
            if (transaction.start()) {
                return; // commands are out; replies will drive it
            }
            finishMessage(rsetFirst); // refused before MAIL: the RSET is still owed
        }
        quitting = true;
        send(List.of(new Quit()), List.of(Pending.of(Pending.Kind.QUIT)));
    }

    /** Called by the transaction when its outcome is complete. */
    void finishMessage(boolean transactionOpen) {
        results.add(transaction.result());
        needRset = transactionOpen;
        transaction = null;
        index++;
    }

    // ---------------------------------------------------------------- output

    void send(List<Command> commands, List<Pending> expected) {
        StringBuilder sb = new StringBuilder();
        List<String> log = new ArrayList<>();
        for (Command c : commands) {
            String line = c.format();
            sb.append(line).append("\r\n");
            log.add(line);
        }
        pending.addAll(expected);
        out.add(new ClientAction.Send(log, sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends one line of the AUTH exchange; {@code logged} is what the transcript shows of it. */
    void sendLine(String line, String logged) {
        pending.add(Pending.of(Pending.Kind.AUTH));
        out.add(new ClientAction.Send(List.of(logged), (line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    void sendMessage(ClientAction.SendMessage action) {
        pending.add(Pending.of(Pending.Kind.MESSAGE));
        out.add(action);
    }

    void sendLoneDot() {
        pending.add(Pending.of(Pending.Kind.LONE_DOT));
        out.add(new ClientAction.Send(List.of("."), new byte[] {'.', '\r', '\n'}));
    }

    // ---------------------------------------------------------------- failures

    /**
     * A session-level failure on a live connection: fail what is undecided, then QUIT.
     * DEVIATION(RFC 5321 §4.2.1): a 5yz here (greeting, EHLO/HELO, AUTH) fails the recipients
     * temporarily: it says nothing about them, and another MX or a later attempt may succeed.
     */
    void giveUp(Reply reply, Stage stage, boolean remote) {
        failUndecided(reply, stage, remote);
        quitting = true;
        send(List.of(new Quit()), List.of(Pending.of(Pending.Kind.QUIT)));
    }

    /** The connection is unusable: fail what is undecided and close. */
    private void abandon(Reply reply, Stage stage, boolean remote) {
        if (closed) {
            return;
        }
        failUndecided(reply, stage, remote);
        close();
    }

    private void failUndecided(Reply reply, Stage stage, boolean remote) {
        if (transaction != null) {
            transaction.failUndecided(reply, stage, remote, true);
            finishMessage(false);
        }
        Stage later = switch (stage) {
            case CONNECT, GREETING, HELLO, STARTTLS, AUTH -> stage;
            case MAIL, RCPT, DATA, MESSAGE -> Stage.MAIL;
        };
        while (index < messages.size()) {
            transaction = new TransactionDriver(this, messages.get(index), false);
            transaction.failUndecided(reply, later, remote, true);
            finishMessage(false);
        }
    }

    private void close() {
        closed = true;
        pending.clear();
        out.add(new ClientAction.Close());
    }

    private Stage currentStage() {
        Pending head = pending.peek();
        if (head != null) {
            return stageOf(head);
        }
        return awaitingHandshake ? Stage.STARTTLS : Stage.CONNECT;
    }

    private static Stage stageOf(Pending p) {
        return switch (p.kind()) {
            case GREETING -> Stage.GREETING;
            case EHLO, HELO -> Stage.HELLO;
            case STARTTLS -> Stage.STARTTLS;
            case AUTH -> Stage.AUTH;
            case RSET, MAIL, QUIT -> Stage.MAIL;
            case RCPT -> Stage.RCPT;
            case DATA -> Stage.DATA;
            case LONE_DOT, MESSAGE -> Stage.MESSAGE;
        };
    }

    boolean quitting() {
        return quitting;
    }
}
