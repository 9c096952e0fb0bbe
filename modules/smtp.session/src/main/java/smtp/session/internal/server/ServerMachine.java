package smtp.session.internal.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.session.ConnectionInfo;
import smtp.session.CredentialStore;
import smtp.session.Decision;
import smtp.session.Extension;
import smtp.session.MessageStore;
import smtp.session.Origin;
import smtp.session.Policy;
import smtp.session.ServerAction;
import smtp.session.ServerConfig;
import smtp.session.SessionState;
import smtp.session.TlsInfo;
import smtp.wire.Auth;
import smtp.wire.Bdat;
import smtp.wire.Command;
import smtp.wire.Data;
import smtp.wire.Ehlo;
import smtp.wire.Expn;
import smtp.wire.Helo;
import smtp.wire.Help;
import smtp.wire.Host;
import smtp.wire.LineFramer;
import smtp.wire.Limits;
import smtp.wire.Mail;
import smtp.wire.Noop;
import smtp.wire.ParseResult;
import smtp.wire.Quit;
import smtp.wire.Rcpt;
import smtp.wire.Replies;
import smtp.wire.Reply;
import smtp.wire.Rset;
import smtp.wire.StartTls;
import smtp.wire.Unknown;
import smtp.wire.Vrfy;

/**
 * The server state machine behind {@link smtp.session.ServerSession}: frames the octets into
 * command lines (or message data), dispatches each command to its handler in the order received
 * and collects the replies in the same order (RFC 2920 §3.2).
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.4 (order of commands), §4.3.2 (replies), §3.1 (554 greeting), §2.3.8 (CRLF);
 * RFC 3207 §4.2 (nothing pipelined after STARTTLS is executed); RFC 2034 (enhanced status
 * codes on every reply but the greeting and the EHLO/HELO reply).
 *
 * <h2>Diagnostics</h2>
 * Client mistakes become replies and count towards {@link ServerConfig#maxErrors()}; at the
 * limit the session sends 421 4.7.0 and closes. {@link IllegalStateException} only for a
 * caller that breaks the protocol of the I/O layer (input before the greeting, a TLS
 * completion that was not asked for).
 */
public final class ServerMachine {

    final ServerConfig config;
    final ConnectionInfo connection;
    final Policy policy;
    final MessageStore store;
    final CredentialStore credentials;

    SessionState state = SessionState.CONNECTED;
    LineFramer framer = newFramer();
    Optional<TlsInfo> tls;
    /** The EHLO/HELO argument; null until one was accepted (and again after STARTTLS). */
    Host heloName;
    boolean extended;
    Optional<String> authIdentity = Optional.empty();
    /** The open mail transaction, or null. */
    Transaction transaction;
    int errors;
    private List<ServerAction> out = new ArrayList<>();

    final HelloCommands hello = new HelloCommands(this);
    final EnvelopeCommands envelope = new EnvelopeCommands(this);
    final MessageReceiver receiver = new MessageReceiver(this);
    final AuthExchange auth = new AuthExchange(this);
    final OtherCommands other = new OtherCommands(this);

    public ServerMachine(ServerConfig config, ConnectionInfo connection, Policy policy, MessageStore store,
                         CredentialStore credentials) {
        this.config = config;
        this.connection = connection;
        this.policy = policy;
        this.store = store;
        this.credentials = credentials;
        this.tls = connection.tls();
    }

    private static LineFramer newFramer() {
        // RFC 4954 §4: AUTH lines may reach 12288 octets; other commands are held to 512 below.
        return new LineFramer(Limits.AUTH_LINE);
    }

    // ---------------------------------------------------------------- inputs from the I/O layer

    public List<ServerAction> greeting() {
        if (state != SessionState.CONNECTED) {
            throw new IllegalStateException("greeting() twice");
        }
        switch (policy.connect(connection)) {
            case Decision.Accept a -> {
                state = SessionState.GREETED;
                // RFC 5321 §4.2: Greeting = "220 " (Domain / address-literal) [ SP textstring ] CRLF
                emit(Reply.of(220, config.hostname() + " " + config.greetingText()));
            }
            case Decision.Reject r -> {
                // RFC 5321 §4.3.2: at connection establishment only 220 and 554, and 421 (§3.8): a
                // temporary refusal (greylisting, overload) becomes 421 and closes, so that the
                // client tries again later; a permanent one 554, then 503 to all but QUIT (§3.1).
                Reply reply = PolicyReplies.CONNECT.normalise(r.reply());
                if (reply.code() == 554) {
                    state = SessionState.REJECTED;
                }
                send(reply);
            }
        }
        return flush();
    }

    public List<ServerAction> receive(byte[] buf, int off, int len) {
        if (state == SessionState.CONNECTED) {
            throw new IllegalStateException("receive() before greeting()");
        }
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        int pos = off;
        int end = off + len;
        while (pos < end && state != SessionState.CLOSED && state != SessionState.TLS_HANDSHAKE) {
            int n = switch (state) {
                case DATA, BDAT -> receiver.feed(buf, pos, end - pos);
                case GREETED, REJECTED, READY, MAIL, RCPT, CHUNKING, AUTH -> frame(buf, pos, end - pos);
                // excluded by the loop condition and the check above
                case CONNECTED, TLS_HANDSHAKE, CLOSED -> throw new IllegalStateException("no input in state " + state);
            };
            if (n <= 0) {
                throw new IllegalStateException("no progress in state " + state);
            }
            pos += n;
        }
        // RFC 3207 §4.2 (CVE-2011-0411): octets after STARTTLS are discarded, never executed.
        return flush();
    }

    public List<ServerAction> tlsStarted(TlsInfo info) {
        if (state != SessionState.TLS_HANDSHAKE) {
            throw new IllegalStateException("tlsStarted() without STARTTLS");
        }
        // RFC 3207 §4.2: "Upon completion of the TLS handshake, the SMTP protocol is reset to the
        // initial state (the state in SMTP after a server issues a 220 service ready greeting). The
        // server MUST discard any knowledge obtained from the client, such as the argument to the
        // EHLO command, which was not obtained from the TLS negotiation itself."
        tls = Optional.of(info);
        heloName = null;
        extended = false;
        authIdentity = Optional.empty();
        abortTransaction();
        framer = newFramer();
        state = SessionState.GREETED;
        return flush();
    }

    public List<ServerAction> tlsFailed() {
        abortTransaction();
        state = SessionState.CLOSED;
        out.add(new ServerAction.Close());
        return flush();
    }

    public List<ServerAction> timeout() {
        return closeWith(Replies.TIMEOUT);
    }

    public List<ServerAction> shutdown() {
        return closeWith(Replies.SERVICE_NOT_AVAILABLE);
    }

    public void connectionLost() {
        abortTransaction();
        state = SessionState.CLOSED;
    }

    public SessionState state() {
        return state;
    }

    public int authFailures() {
        return auth.failures;
    }

    public Optional<Origin> currentOrigin() {
        return heloName == null ? Optional.empty() : Optional.of(origin());
    }

    private List<ServerAction> closeWith(Reply reply) {
        if (state == SessionState.CLOSED) {
            return List.of();
        }
        abortTransaction();
        if (state == SessionState.TLS_HANDSHAKE) {
            state = SessionState.CLOSED;
            out.add(new ServerAction.Close());
        } else {
            send(reply);
        }
        return flush();
    }

    private List<ServerAction> flush() {
        List<ServerAction> result = out;
        out = new ArrayList<>();
        return result;
    }

    // ---------------------------------------------------------------- command lines

    private int frame(byte[] buf, int off, int len) {
        int n = framer.feed(buf, off, len);
        Optional<LineFramer.Framed> framed = framer.take();
        if (framed.isPresent()) {
            switch (framed.get()) {
                case LineFramer.Framed.TooLong t -> {
                    if (state == SessionState.AUTH) {
                        auth.abort(SessionReplies.AUTH_LINE_TOO_LONG);
                    } else {
                        // RFC 5321 §4.5.3.1.4, §4.2.2: "500 Line too long"
                        error(Replies.LINE_TOO_LONG);
                    }
                }
                case LineFramer.Framed.Line line -> line(line.content(), line.bareLf());
            }
        }
        return n;
    }

    private void line(byte[] content, boolean bareLf) {
        if (bareLf) {
            // RFC 5321 §2.3.8: "In addition, the appearance of "bare" "CR" or "LF" characters in text
            // (i.e., either without the other) has a long history of causing problems in mail
            // implementations and applications that use the mail system as a tool. SMTP client
            // implementations MUST NOT transmit these characters except when they are intended as
            // line terminators and then MUST transmit them only as a <CRLF> sequence."
            if (state == SessionState.AUTH) {
                auth.abort(SessionReplies.BARE_LF_COMMAND);
            } else {
                error(SessionReplies.BARE_LF_COMMAND);
            }
            return;
        }
        if (state == SessionState.AUTH) {
            auth.response(content);
            return;
        }
        // RFC 5321 §4.5.3.1.4 (512 octets) and RFC 4954 §4 (12288 for AUTH) are checked by the parser.
        switch (Command.parse(content)) {
            case ParseResult.Ok<Command> ok -> dispatch(ok.value());
            case ParseResult.Invalid<Command> invalid -> error(invalid.reply());
        }
    }

    void dispatch(Command command) {
        if (state == SessionState.REJECTED) {
            // RFC 5321 §3.1: after a 554 greeting the server "MUST still wait for the client to send
            // a QUIT ... and SHOULD respond to any intervening commands with "503 bad sequence of
            // commands"".
            if (command instanceof Quit) {
                other.quit();
            } else {
                error(SessionReplies.REJECTED_SESSION);
            }
            return;
        }
        if (config.tlsRequired() && tls.isEmpty() && !tlsExempt(command)) {
            // RFC 3207 §4: a server may require STARTTLS first: "530 Must issue a STARTTLS command first".
            error(SessionReplies.STARTTLS_FIRST);
            return;
        }
        switch (command) {
            case Ehlo e -> hello.hello(e.host(), true);
            case Helo h -> hello.hello(h.host(), false);
            case Mail m -> envelope.mail(m);
            case Rcpt r -> envelope.rcpt(r);
            case Data d -> receiver.data();
            case Bdat b -> receiver.bdat(b);
            case Rset r -> other.rset();
            case Vrfy v -> other.vrfy(v.argument());
            case Expn x -> other.expn(x.argument());
            case Help h -> send(SessionReplies.HELP);
            case Noop n -> send(SessionReplies.NOOP_OK);
            case Quit q -> other.quit();
            case StartTls s -> other.startTls();
            case Auth a -> auth.start(a);
            case Unknown u -> other.unknown(u);
        }
    }

    /**
     * RFC 3207 §4: "A SMTP server that is not publicly referenced may choose to require that the
     * client perform a TLS negotiation before accepting any commands. In this case, the server
     * SHOULD return the reply code: 530 Must issue a STARTTLS command first to every command
     * other than NOOP, EHLO, STARTTLS, or QUIT." (HELO cannot lead to STARTTLS, an extension.)
     */
    private static boolean tlsExempt(Command c) {
        return c instanceof Ehlo || c instanceof StartTls || c instanceof Noop || c instanceof Quit;
    }

    // ---------------------------------------------------------------- helpers for the handlers

    /** True when {@code e} may be used in this session: offered, and EHLO was used. */
    boolean negotiated(Extension e) {
        return extended && config.offers(e);
    }

    Origin origin() {
        return new Origin(heloName, extended, connection.clientAddress(), tls, authIdentity);
    }

    /**
     * Sends a reply as is. Used for the greeting and the EHLO/HELO replies, whose grammar (RFC 5321
     * §4.2 Greeting, §4.1.1.1 ehlo-ok-rsp) puts the Domain first, so no enhanced status code can
     * precede it, and for 3yz replies, which have no status class (RFC 3463 §2: 2, 4 or 5).
     */
    void emit(Reply reply) {
        out.add(new ServerAction.Send(reply));
        if (reply.code() == 421) {
            // RFC 5321 §3.8: 421 means the server is closing the transmission channel.
            abortTransaction();
            state = SessionState.CLOSED;
            out.add(new ServerAction.Close());
        }
    }

    /**
     * Sends a reply; with ENHANCEDSTATUSCODES offered it keeps its status code (RFC 2034 §3: the
     * server includes them whether or not the client asked), otherwise the status is removed.
     */
    void send(Reply reply) {
        emit(config.offers(Extension.ENHANCED_STATUS_CODES) ? reply : reply.withoutStatus());
    }

    /** Sends a reply to a protocol error and counts it; at the limit, 421 4.7.0 and close. */
    void error(Reply reply) {
        send(reply);
        errors++;
        if (errors >= config.maxErrors() && state != SessionState.CLOSED) {
            send(Replies.TOO_MANY_ERRORS);
        }
    }

    /** Ends the open transaction, if any, discarding its message (RSET, EHLO, QUIT, errors). */
    void abortTransaction() {
        if (transaction != null) {
            transaction.abort();
            transaction = null;
        }
        receiver.reset();
        if (state == SessionState.MAIL || state == SessionState.RCPT || state == SessionState.DATA
                || state == SessionState.BDAT || state == SessionState.CHUNKING) {
            state = SessionState.READY;
        }
    }

    void emitClose() {
        out.add(new ServerAction.Close());
    }

    void emitStartTls() {
        out.add(new ServerAction.StartTls());
    }
}
