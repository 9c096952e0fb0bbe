package smtp.session.internal.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import smtp.session.ClientAction;
import smtp.session.DeliveryResult;
import smtp.session.Envelope;
import smtp.session.Extension;
import smtp.session.MessageTraits;
import smtp.session.OutboundMessage;
import smtp.session.Recipient;
import smtp.session.RecipientResult;
import smtp.session.Stage;
import smtp.wire.BodyType;
import smtp.wire.Command;
import smtp.wire.Data;
import smtp.wire.Mail;
import smtp.wire.MailParameters;
import smtp.wire.Rcpt;
import smtp.wire.RcptParameters;
import smtp.wire.Reply;
import smtp.wire.Rset;

/**
 * One mail transaction of a client session (RFC 5321 §3.3): the checks before MAIL, then MAIL,
 * RCPT for each recipient and DATA or BDAT, pipelined when the server allows it, and the outcome
 * of each recipient.
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>RFC 1870 §3, §6.3: SIZE= declared when offered; a message over the server's limit is not
 *     sent (permanent failure 552 5.3.4).</li>
 * <li>RFC 6152 §3: 8-bit content (declared with BODY=8BITMIME, or found by
 *     {@link smtp.session.MessageBody#traits()}) only to a server that offers 8BITMIME, with
 *     BODY=8BITMIME; otherwise the message is returned (554 5.6.3, no downgrade). RFC 6531 §3.2: a
 *     message that needs SMTPUTF8 (non-ASCII addresses or UTF-8 header fields) is returned when
 *     the server lacks it (553 5.6.7), and sent with the SMTPUTF8 parameter (§3.4). RFC 3461 §4:
 *     NOTIFY, ORCPT, RET and ENVID only to a server that offers DSN.</li>
 * <li>RFC 2920 §3.1: MAIL, the RCPTs and DATA go out as one group; "the client SMTP must check
 *     all statuses associated with each command in a group"; if DATA gets 354 although every
 *     recipient was refused, a single dot ends the empty message.</li>
 * <li>RFC 3030 §2: with CHUNKING the message goes as one {@code BDAT <size> LAST}, after the RCPT
 *     replies, unstuffed.</li>
 * <li>RFC 5321 §4.2.1, §4.3.2: the first digit decides: 2 success, 4 try later, 5 permanent.</li>
 * </ul>
 */
final class TransactionDriver {

    private final ClientMachine session;
    private final OutboundMessage message;
    private final Envelope envelope;
    private final boolean rsetFirst;
    private final RecipientResult[] outcome;
    private final List<Integer> accepted = new ArrayList<>();
    /** Commands not yet sent when not pipelining, in order. */
    private final Deque<Command> unsent = new ArrayDeque<>();
    private final Deque<Pending> unsentPending = new ArrayDeque<>();
    private boolean pipelined;
    private boolean chunked;
    private boolean mailAccepted;
    private int rcptReplies;

    TransactionDriver(ClientMachine session, OutboundMessage message, boolean rsetFirst) {
        this.session = session;
        this.message = message;
        this.envelope = message.envelope();
        this.rsetFirst = rsetFirst;
        this.outcome = new RecipientResult[envelope.recipients().size()];
    }

    /** Sends the first commands; false when the message was refused before any (its outcome is set). */
    boolean start() {
        Optional<Reply> refusal = precheck();
        if (refusal.isPresent()) {
            failUndecided(refusal.get(), Stage.MAIL, false, false);
            return false;
        }
        chunked = session.config.chunking() && session.capabilities.offers(Extension.CHUNKING);
        pipelined = session.config.pipelining() && session.capabilities.offers(Extension.PIPELINING);
        List<Command> commands = new ArrayList<>();
        List<Pending> expected = new ArrayList<>();
        if (rsetFirst) {
            commands.add(new Rset());
            expected.add(Pending.of(Pending.Kind.RSET));
        }
        commands.add(new Mail(envelope.reversePath(), mailParameters()));
        expected.add(Pending.of(Pending.Kind.MAIL));
        boolean dsn = session.capabilities.offers(Extension.DSN);
        for (int i = 0; i < outcome.length; i++) {
            Recipient r = envelope.recipients().get(i);
            commands.add(new Rcpt(r.forwardPath(), dsn ? r.rcptParameters() : RcptParameters.NONE));
            expected.add(new Pending(Pending.Kind.RCPT, i));
        }
        if (!chunked) {
            commands.add(new Data());
            expected.add(Pending.of(Pending.Kind.DATA));
        }
        if (pipelined) {
            // RFC 2920 §3.1: the whole group in one write; DATA is the last command of the group.
            session.send(commands, expected);
        } else {
            unsent.addAll(commands);
            unsentPending.addAll(expected);
            sendNext();
        }
        return true;
    }

    private Optional<Reply> precheck() {
        var caps = session.capabilities;
        long size = message.body().size();
        OptionalLong limit = caps.sizeLimit();
        if (limit.isPresent() && size > limit.getAsLong()) {
            return Optional.of(ClientReplies.tooBig(size, limit.getAsLong()));
        }
        Optional<BodyType> body = envelope.body();
        // RFC 6152 §3: "the client SMTP must not, under any circumstances, attempt to transfer a
        // content which contains characters outside the US ASCII octet range" to a server without
        // 8BITMIME. Declared or found in the content; this client does not convert to 7bit.
        if ((body.filter(b -> b == BodyType.EIGHT_BIT_MIME).isPresent() || contentIsEightBit())
                && body.filter(b -> b == BodyType.BINARY_MIME).isEmpty() && !caps.offers(Extension.EIGHT_BIT_MIME)) {
            return Optional.of(ClientReplies.NEEDS_8BITMIME);
        }
        if (body.isPresent() && body.get() == BodyType.BINARY_MIME && !(session.config.chunking()
                && caps.offers(Extension.CHUNKING) && caps.keywords().containsKey("BINARYMIME"))) {
            return Optional.of(ClientReplies.NEEDS_BINARYMIME);
        }
        // RFC 6531 §3.2: non-ASCII addresses, or UTF-8 header fields (RFC 6532), need SMTPUTF8.
        if (needsSmtpUtf8() && !caps.offers(Extension.SMTPUTF8)) {
            return Optional.of(ClientReplies.NEEDS_SMTPUTF8);
        }
        return Optional.empty();
    }

    /** The content has an octet above 127, as far as {@link smtp.session.MessageBody#traits()} knows. */
    private boolean contentIsEightBit() {
        return message.body().traits().map(MessageTraits::eightBitData).orElse(false);
    }

    /** RFC 6531 §3.4: the envelope or the message (its header fields) needs SMTPUTF8. */
    private boolean needsSmtpUtf8() {
        return envelope.needsSmtpUtf8() || message.body().traits().map(MessageTraits::utf8Headers).orElse(false);
    }

    private MailParameters mailParameters() {
        var caps = session.capabilities;
        boolean dsn = caps.offers(Extension.DSN);
        Optional<BodyType> body = envelope.body().filter(b -> b == BodyType.BINARY_MIME || caps.offers(Extension.EIGHT_BIT_MIME));
        if (contentIsEightBit() && body.filter(b -> b == BodyType.BINARY_MIME).isEmpty()) {
            // RFC 6152 §2: BODY=8BITMIME says the content has octets outside US-ASCII; so say it even
            // if the message came in as 7BIT or without BODY= (precheck made sure 8BITMIME is offered).
            body = Optional.of(BodyType.EIGHT_BIT_MIME);
        }
        return new MailParameters(
                caps.offers(Extension.SIZE) ? OptionalLong.of(message.body().size()) : OptionalLong.empty(),
                body,
                needsSmtpUtf8(),
                // RFC 4954 §5: the AUTH parameter is passed on to a server that offers AUTH.
                session.authenticated && caps.offers(Extension.AUTH) ? envelope.mailAuth() : Optional.empty(),
                dsn ? envelope.ret() : Optional.empty(),
                dsn ? envelope.envelopeId() : Optional.empty(),
                List.of());
    }

    private void sendNext() {
        if (unsent.isEmpty()) {
            return;
        }
        if (unsent.peek() instanceof Data && accepted.isEmpty()) {
            // RFC 5321 §3.3: no accepted recipient, so DATA is pointless; RSET before the next MAIL.
            unsent.clear();
            unsentPending.clear();
            session.finishMessage(mailAccepted);
            session.nextMessage();
            return;
        }
        session.send(List.of(unsent.poll()), List.of(unsentPending.poll()));
    }

    void reply(Pending p, Reply reply) {
        switch (p.kind()) {
            case RSET -> sendNext();
            case MAIL -> mail(reply);
            case RCPT -> rcpt(p.index(), reply);
            case DATA -> data(reply);
            case LONE_DOT -> {
                session.finishMessage(false);
                session.nextMessage();
            }
            case MESSAGE -> message(reply);
            case GREETING, EHLO, HELO, STARTTLS, AUTH, QUIT -> throw new IllegalStateException("not a transaction reply: " + p);
        }
    }

    private void mail(Reply reply) {
        if (reply.isPositive()) {
            mailAccepted = true;
            sendNext();
            return;
        }
        failUndecided(reply, Stage.MAIL, true, false);
        if (!pipelined) {
            unsent.clear();
            unsentPending.clear();
            session.finishMessage(false);
            session.nextMessage();
        }
        // Pipelined: the RCPT and DATA replies of the group are still to come; they end it.
    }

    private void rcpt(int i, Reply reply) {
        rcptReplies++;
        if (outcome[i] == null) {
            if (reply.isPositive()) {
                accepted.add(i); // 250, or 251 "User not local; will forward" (RFC 5321 §3.4)
            } else {
                outcome[i] = failure(i, reply, Stage.RCPT, true);
            }
        }
        if (rcptReplies < outcome.length) {
            sendNext();
        } else if (chunked) {
            afterRecipients();
        } else {
            sendNext(); // DATA when not pipelined (or the end when nobody was accepted)
        }
    }

    /** CHUNKING: every RCPT reply is in; send the message as one BDAT LAST chunk, or give up. */
    private void afterRecipients() {
        if (accepted.isEmpty()) {
            session.finishMessage(mailAccepted);
            session.nextMessage();
        } else {
            session.sendMessage(new ClientAction.SendMessage(message.body(), true));
        }
    }

    private void data(Reply reply) {
        if (reply.code() == 354) {
            if (accepted.isEmpty()) {
                // RFC 2920 §3.1: "if the DATA command was accepted the client SMTP should send a single dot".
                session.sendLoneDot();
            } else {
                session.sendMessage(new ClientAction.SendMessage(message.body(), false));
            }
            return;
        }
        for (int i : accepted) {
            outcome[i] = failure(i, reply, Stage.DATA, true);
        }
        session.finishMessage(mailAccepted);
        session.nextMessage();
    }

    private void message(Reply reply) {
        for (int i : accepted) {
            Recipient r = envelope.recipients().get(i);
            outcome[i] = reply.isPositive() ? new RecipientResult.Delivered(r, reply) : failure(i, reply, Stage.MESSAGE, true);
        }
        session.finishMessage(false);
        session.nextMessage();
    }

    /**
     * Sets every recipient without an outcome to a failure: of {@code reply}'s class, or
     * temporary whatever the class when {@code temporary} (session-level failures).
     */
    void failUndecided(Reply reply, Stage stage, boolean remote, boolean temporary) {
        for (int i = 0; i < outcome.length; i++) {
            if (outcome[i] == null) {
                outcome[i] = temporary ? new RecipientResult.TemporaryFailure(envelope.recipients().get(i), reply, stage, remote)
                        : failure(i, reply, stage, remote);
            }
        }
    }

    private RecipientResult failure(int i, Reply reply, Stage stage, boolean remote) {
        Recipient r = envelope.recipients().get(i);
        // RFC 5321 §4.2.1: 5yz is permanent; 4yz (and anything unexpected) is worth another try.
        return reply.isPermanent() ? new RecipientResult.PermanentFailure(r, reply, stage, remote)
                : new RecipientResult.TemporaryFailure(r, reply, stage, remote);
    }

    DeliveryResult result() {
        for (int i = 0; i < outcome.length; i++) {
            if (outcome[i] == null) {
                throw new IllegalStateException("recipient " + i + " has no outcome");
            }
        }
        return new DeliveryResult(message, List.of(outcome), session.capabilities.offers(Extension.DSN), session.tls);
    }
}
