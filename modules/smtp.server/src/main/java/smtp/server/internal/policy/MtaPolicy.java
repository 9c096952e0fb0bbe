package smtp.server.internal.policy;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import smtp.auth.SpfOutcome;
import smtp.server.internal.store.SpoolMessage;
import smtp.session.ConnectionInfo;
import smtp.session.Decision;
import smtp.session.Envelope;
import smtp.session.MessageContent;
import smtp.session.Origin;
import smtp.session.Policy;
import smtp.wire.ForwardPath;
import smtp.wire.Host;
import smtp.wire.MailParameters;
import smtp.wire.RcptParameters;
import smtp.wire.Reply;
import smtp.wire.ReversePath;

/**
 * The MTA's {@link Policy} for one connection, by {@link Role}: relay control for everyone,
 * AUTH and sender ownership on submission, SPF/DKIM/DMARC on inbound mail from untrusted
 * clients, DKIM signing of submitted mail; every rejection is logged in the form operators
 * know from Postfix ({@code reject: RCPT from [ip]: 550 5.7.1 ...; from=<...> to=<...>}).
 *
 * <h2>Standards</h2>
 * RFC 5321 §3.9, §7.1 (relaying, {@link RelayControl}); RFC 6409 and RFC 4954 §6 (submission,
 * {@link SenderControl}); RFC 7208, RFC 6376, RFC 7489, RFC 8601 ({@link InboundChecks});
 * RFC 5321 §3.8: while the server shuts down, a new transaction gets 421 4.3.2 and the
 * connection is closed. RFC 5321 §7.8: "if a server determines that a large number of RCPT TO
 * commands are being sent, most or all with invalid addresses, ... it would be reasonable for
 * the server to close the connection after generating an appropriate number of 5yz (normally
 * 550) replies": after {@code limits.errors} rejected recipients (5yz to RCPT, as Postfix's
 * hard error limit counts them) without an accepted message, the next recipient that would be
 * rejected gets 421 4.7.0 instead and the connection is closed.
 *
 * <p>Not thread-safe: one instance per connection, called by its session only.
 */
public final class MtaPolicy implements Policy {

    private static final System.Logger LOG = System.getLogger("smtp.server");

    private final PolicyServices services;
    private final Role role;
    private final boolean trusted;
    private final BooleanSupplier closing;
    private final String peer;
    /** The HELO check, made at the first MAIL of a session (no DNS for sessions that send nothing). */
    private Optional<SpfOutcome> heloSpf = Optional.empty();
    private boolean heloChecked;
    private Optional<SpfOutcome> mailSpf = Optional.empty();
    private Optional<Reply> refusal = Optional.empty();
    /** Recipients rejected with 5yz since the session started or the last accepted message. */
    private int rejectedRecipients;
    private int acceptedMessages;

    /**
     * @param services the shared checks
     * @param role     the listener's role
     * @param trusted  the client is in {@code relay.networks}
     * @param closing  true once the server is shutting down
     * @param peer     the client for logs, {@code [ip]:port}
     */
    public MtaPolicy(PolicyServices services, Role role, boolean trusted, BooleanSupplier closing, String peer) {
        this.services = services;
        this.role = role;
        this.trusted = trusted;
        this.closing = closing;
        this.peer = peer;
    }

    private boolean inbound() {
        return role == Role.SMTP && !trusted;
    }

    /** Makes {@link #connect} refuse the session with {@code reply} (a 554: RFC 5321 §3.1). */
    public void refuseSession(Reply reply) {
        refusal = Optional.of(reply);
    }

    @Override
    public Decision connect(ConnectionInfo connection) {
        if (closing.getAsBoolean()) {
            return Decision.reject(shuttingDown());
        }
        return refusal.<Decision>map(Decision::reject).orElse(Decision.accept());
    }

    @Override
    public Decision hello(ConnectionInfo connection, Host host, boolean extended) {
        mailSpf = Optional.empty();
        heloSpf = Optional.empty();
        heloChecked = false;
        return Decision.accept();
    }

    @Override
    public Decision mail(Origin origin, ReversePath reversePath, MailParameters parameters) {
        mailSpf = Optional.empty();
        if (closing.getAsBoolean()) {
            return Decision.reject(shuttingDown());
        }
        Decision d = Decision.accept();
        if (role.submission()) {
            d = services.sender().mail(origin.authIdentity(), reversePath);
        } else if (inbound()) {
            if (!heloChecked) {
                heloSpf = services.inbound().helo(origin.clientAddress(), origin.heloName());
                heloChecked = true;
            }
            SpfOutcome o = services.inbound().mailFrom(origin.clientAddress(), reversePath, origin.heloName());
            mailSpf = Optional.of(o);
            d = services.inbound().atMail(heloSpf, o);
        }
        return logged(d, "MAIL", origin, reversePath.toString(), "");
    }

    @Override
    public Decision recipient(Origin origin, ReversePath reversePath, ForwardPath forwardPath, RcptParameters parameters) {
        boolean mayRelay = trusted || origin.authIdentity().isPresent();
        Decision d = services.relay().recipient(forwardPath, mayRelay);
        if (d instanceof Decision.Reject r && r.reply().code() >= 500
                && ++rejectedRecipients > services.settings().maxErrors()) {
            // RFC 5321 §7.8 (address harvesting) and §3.8: 421, then the session closes.
            d = Decision.reject(Reply.of(421, "4.7.0", services.settings().hostname()
                    + " Error: too many rejected recipients, closing transmission channel"));
        }
        return logged(d, "RCPT", origin, reversePath.toString(), forwardPath.toString());
    }

    /** How many messages this policy accepted at the end of data (the I/O layer resets its counts on a change). */
    public int acceptedMessages() {
        return acceptedMessages;
    }

    private Decision counted(Decision d) {
        if (d instanceof Decision.Accept) {
            acceptedMessages++;
            rejectedRecipients = 0;
        }
        return d;
    }

    @Override
    public Decision message(Envelope envelope, MessageContent content) {
        return counted(endOfData(envelope, content));
    }

    private Decision endOfData(Envelope envelope, MessageContent content) {
        if (!(content instanceof SpoolMessage message)) {
            throw new IllegalStateException("the server's policy runs with its own message store");
        }
        message.endOfData();
        String to = envelope.recipients().size() == 1 ? envelope.recipients().get(0).forwardPath().toString() : "";
        if (message.headerTooLarge()) {
            return logged(Decision.reject(Reply.of(552, "5.3.4", "Header section larger than "
                    + SpoolMessage.MAX_HEADER + " octets")), "END-OF-MESSAGE", envelope.origin(), envelope.reversePath().toString(), to);
        }
        if (role.submission()) {
            String user = envelope.origin().authIdentity().orElseThrow(() -> new IllegalStateException("submission without AUTH"));
            Decision d = services.sender().header(user, message.header());
            if (d instanceof Decision.Accept) {
                // RFC 6376 §5.6: the DKIM-Signature fields go at the top of the header section.
                message.dkimSignatures().forEach(message::addTrace);
            }
            return logged(d, "END-OF-MESSAGE", envelope.origin(), envelope.reversePath().toString(), to);
        }
        if (inbound()) {
            InboundChecks.Verdict v = services.inbound().atEndOfData(message.header(),
                    message.dkimResults().orElse(List.of()), heloSpf, mailSpf);
            v.fields().forEach(message::addTrace);
            return logged(v.decision(), "END-OF-MESSAGE", envelope.origin(), envelope.reversePath().toString(), to);
        }
        return Decision.accept();
    }

    private Reply shuttingDown() {
        return Reply.of(421, "4.3.2", services.settings().hostname() + " Service shutting down, try again later");
    }

    private Decision logged(Decision d, String stage, Origin origin, String from, String to) {
        if (d instanceof Decision.Reject r) {
            LOG.log(Level.INFO, "reject: " + stage + " from " + peer + ": " + r.reply().code()
                    + r.reply().status().map(s -> " " + s).orElse("") + " " + r.reply().text()
                    + "; from=" + from + (to.isEmpty() ? "" : " to=" + to) + " proto=" + origin.withProtocol()
                    + " helo=<" + origin.heloName() + ">");
        }
        return d;
    }
}
