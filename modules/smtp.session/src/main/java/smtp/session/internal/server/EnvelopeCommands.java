package smtp.session.internal.server;

import java.util.Optional;
import smtp.session.Decision;
import smtp.session.Extension;
import smtp.session.Recipient;
import smtp.session.SessionState;
import smtp.wire.BodyType;
import smtp.wire.ForwardPath;
import smtp.wire.Mail;
import smtp.wire.MailParameters;
import smtp.wire.Path;
import smtp.wire.Rcpt;
import smtp.wire.RcptParameters;
import smtp.wire.Replies;
import smtp.wire.ReversePath;

/**
 * MAIL and RCPT, RFC 5321 §4.1.1.2, §4.1.1.3 and §3.3, with the parameters of SIZE (RFC 1870),
 * 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), AUTH (RFC 4954 §5) and DSN (RFC 3461).
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.4: MUST NOT open a transaction inside another (503); RCPT without MAIL gets 503
 * (§3.3). §4.1.1.11: parameters not recognized get 555. §4.5.3.1.8/§4.5.3.1.10: beyond the
 * recipient limit 452 4.5.3. RFC 1870 §6.1: a declared SIZE over the limit gets 552 5.3.4.
 * RFC 6531 §3.5: a non-ASCII address without SMTPUTF8 gets 553 5.6.7.
 *
 * <h2>Diagnostics</h2>
 * MAIL: 250 2.1.0, 503, 552, 553, 555, or the policy's reply. RCPT: 250 2.1.5, 452, 503, 553,
 * 555, or the policy's reply. A policy reply keeps to the codes §4.3.2 lists for the command
 * ({@link PolicyReplies}): e.g. 554 to RCPT becomes 550, 454 becomes 450.
 */
final class EnvelopeCommands {

    private final ServerMachine m;

    EnvelopeCommands(ServerMachine m) {
        this.m = m;
    }

    void mail(Mail mail) {
        if (m.heloName == null) {
            // RFC 5321 §4.1.4: "A session that will contain mail transactions MUST first be
            // initialized by the use of the EHLO command."
            m.error(SessionReplies.HELLO_FIRST);
            return;
        }
        if (m.transaction != null) {
            // RFC 5321 §4.1.4: "MAIL ... MUST NOT be sent if a mail transaction is already open".
            m.error(SessionReplies.NESTED_MAIL);
            return;
        }
        MailParameters p = mail.parameters();
        if (!mailParametersNegotiated(p)) {
            // RFC 5321 §4.1.1.11: "555 MAIL FROM/RCPT TO parameters not recognized or not implemented"
            m.error(Replies.PARAMETERS_NOT_RECOGNIZED);
            return;
        }
        // RFC 1870 §6.1: a declared size over the fixed maximum gets "552 message size exceeds
        // fixed maximium message size".
        if (p.size().isPresent() && m.config.maxMessageSize() > 0 && p.size().getAsLong() > m.config.maxMessageSize()) {
            m.send(Replies.MESSAGE_TOO_BIG);
            return;
        }
        if (!p.smtpUtf8() && !ascii(mail.reversePath())) {
            m.send(Replies.NON_ASCII_SENDER);
            return;
        }
        switch (m.policy.mail(m.origin(), mail.reversePath(), p)) {
            case Decision.Reject r -> m.send(PolicyReplies.MAIL.normalise(r.reply()));
            case Decision.Accept a -> {
                // RFC 4954 §5: "If the server does not sufficiently trust the authenticated identity of
                // the client, or if the client is not authenticated, then the server MUST behave as if
                // the AUTH=<> parameter was supplied."
                Optional<String> mailAuth = p.auth().map(v -> m.authIdentity.isPresent() ? v : "<>");
                m.transaction = new Transaction(mail.reversePath(), p, mailAuth);
                m.state = SessionState.MAIL;
                m.send(SessionReplies.senderOk(mail.reversePath().toString()));
            }
        }
    }

    private boolean mailParametersNegotiated(MailParameters p) {
        if (!p.others().isEmpty()) {
            return false;
        }
        if (p.size().isPresent() && !m.negotiated(Extension.SIZE)) {
            return false;
        }
        if (p.body().isPresent()) {
            // RFC 6152 §2: BODY=7BIT / BODY=8BITMIME come with 8BITMIME; BINARYMIME (RFC 3030 §3) is not offered.
            if (p.body().get() == BodyType.BINARY_MIME || !m.negotiated(Extension.EIGHT_BIT_MIME)) {
                return false;
            }
        }
        if (p.smtpUtf8() && !m.negotiated(Extension.SMTPUTF8)) {
            return false;
        }
        if (p.auth().isPresent() && !m.negotiated(Extension.AUTH)) {
            return false;
        }
        return (p.ret().isEmpty() && p.envelopeId().isEmpty()) || m.negotiated(Extension.DSN);
    }

    void rcpt(Rcpt rcpt) {
        Transaction t = m.transaction;
        if (t == null) {
            // RFC 5321 §3.3: "If a RCPT command appears without a previous MAIL command, the server
            // MUST return a 503 "Bad sequence of commands" response."
            m.error(SessionReplies.MAIL_FIRST);
            return;
        }
        if (t.chunked) {
            m.error(SessionReplies.RCPT_AFTER_BDAT);
            return;
        }
        RcptParameters p = rcpt.parameters();
        boolean noDsn = p.notifyOn().isEmpty() && p.orcpt().isEmpty();
        if (!p.others().isEmpty() || !(noDsn || m.negotiated(Extension.DSN))) {
            m.error(Replies.PARAMETERS_NOT_RECOGNIZED);
            return;
        }
        // RFC 5321 §4.5.3.1.10: "452 Too many recipients"; the limit is at least 100 (§4.5.3.1.8).
        if (t.recipients.size() >= m.config.maxRecipients()) {
            m.send(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        ForwardPath path = rcpt.forwardPath();
        if (!t.parameters.smtpUtf8() && path instanceof Path fp && !fp.mailbox().isAscii()) {
            m.send(Replies.NON_ASCII_RECIPIENT);
            return;
        }
        switch (m.policy.recipient(m.origin(), t.reversePath, path, p)) {
            case Decision.Reject r -> m.send(PolicyReplies.RCPT.normalise(r.reply()));
            case Decision.Accept a -> {
                t.recipients.add(Recipient.of(path, p));
                m.state = SessionState.RCPT;
                m.send(SessionReplies.recipientOk(path.toString()));
            }
        }
    }

    private static boolean ascii(ReversePath path) {
        return !(path instanceof Path p) || p.mailbox().isAscii();
    }
}
