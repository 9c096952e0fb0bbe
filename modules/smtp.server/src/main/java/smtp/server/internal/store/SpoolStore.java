package smtp.server.internal.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import smtp.auth.DkimSigner;
import smtp.auth.DkimVerifier;
import smtp.queue.Incoming;
import smtp.queue.MailQueue;
import smtp.queue.Origin;
import smtp.session.Envelope;
import smtp.session.MessageStore;
import smtp.session.MessageWriter;
import smtp.session.Recipient;
import smtp.wire.Domain;
import smtp.wire.ForwardPath;
import smtp.wire.Mailbox;
import smtp.wire.Path;
import smtp.wire.Postmaster;

/**
 * The {@link MessageStore} of one connection: each message goes into the queue's spool as a
 * {@link SpoolMessage}, with DKIM verification (inbound role) or signing (submission roles).
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.1.3: {@code <Postmaster>} without a domain is this host's postmaster, queued as
 * {@code postmaster@<hostname>}; §3.6.1: a source route in a forward-path is dropped, the mail
 * goes to the final mailbox (done by the queue's envelope).
 */
public final class SpoolStore implements MessageStore {

    private final MailQueue queue;
    private final Domain hostname;
    private final Optional<DkimVerifier> verifier;
    private final Function<smtp.wire.HeaderSection, Optional<DkimSigner>> signerFor;

    /**
     * @param queue     the queue
     * @param hostname  this host
     * @param verifier  DKIM verification for every message of this connection, if any
     * @param signerFor the signer for a message's header section, if any
     */
    public SpoolStore(MailQueue queue, Domain hostname, Optional<DkimVerifier> verifier,
                      Function<smtp.wire.HeaderSection, Optional<DkimSigner>> signerFor) {
        this.queue = queue;
        this.hostname = hostname;
        this.verifier = verifier;
        this.signerFor = signerFor;
    }

    @Override
    public MessageWriter open(Envelope envelope) throws IOException {
        List<smtp.queue.Recipient> recipients = envelope.recipients().stream().map(this::recipient).toList();
        smtp.queue.Envelope queued = new smtp.queue.Envelope(envelope.reversePath(), recipients, envelope.ret(),
                envelope.envelopeId(), envelope.body(), envelope.smtpUtf8());
        Origin origin = Origin.smtp(envelope.origin().clientAddress(), envelope.origin().heloName().toString(),
                envelope.origin().authIdentity());
        Incoming incoming = queue.receive(queued, origin);
        return new SpoolMessage(incoming, envelope, hostname.toString(),
                verifier.map(DkimVerifier::newVerification), signerFor);
    }

    private smtp.queue.Recipient recipient(Recipient r) {
        return new smtp.queue.Recipient(mailbox(r.forwardPath()), r.notifyOn(), r.orcpt());
    }

    private Mailbox mailbox(ForwardPath p) {
        return switch (p) {
            case Path path -> path.mailbox();
            case Postmaster pm -> new Mailbox("postmaster", hostname);
        };
    }
}
