package smtp.queue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import smtp.queue.Envelope;
import smtp.queue.Incoming;
import smtp.queue.Origin;
import smtp.queue.Recipient;
import smtp.queue.TraceFields;
import smtp.session.MessageStore;
import smtp.session.MessageWriter;
import smtp.wire.Domain;
import smtp.wire.Mailbox;
import smtp.wire.Path;
import smtp.wire.Postmaster;
import smtp.wire.Reply;

/**
 * The spool as the {@link MessageStore} of an {@code smtp.session} server: the session's
 * envelope is mapped onto the queue's records, the content streamed into the spool, and
 * {@link MessageWriter#commit()} answers {@code 250 2.0.0 OK: queued as <id>} only once the
 * message is durable (RFC 5321 §6.1).
 *
 * <p>{@code RCPT TO:<Postmaster>} without a domain (RFC 5321 §4.1.1.3) is queued for
 * {@code postmaster@<host name>}.
 */
public final class QueueMessageStore implements MessageStore {

    private final Spool spool;
    private final String hostName;
    private final TraceFields trace;

    public QueueMessageStore(Spool spool, String hostName, TraceFields trace) {
        this.spool = spool;
        this.hostName = hostName;
        this.trace = trace;
    }

    @Override
    public MessageWriter open(smtp.session.Envelope e) throws IOException {
        Envelope envelope = new Envelope(e.reversePath(), e.recipients().stream().map(this::recipient).toList(),
                e.ret(), e.envelopeId(), e.body(), e.smtpUtf8());
        smtp.session.Origin o = e.origin();
        Origin origin = new Origin(Optional.of(o.clientAddress()), Optional.of(o.heloName().toString()), o.authIdentity());
        Incoming in = spool.receive(envelope, origin);
        return new MessageWriter() {
            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                in.content().write(buf, off, len);
            }

            @Override
            public long size() {
                return in.size();
            }

            @Override
            public InputStream openStream() throws IOException {
                return in.openContent();
            }

            @Override
            public Reply commit() throws IOException {
                try {
                    var id = in.commit(trace.fields(e, in.id(), this));
                    return Reply.of(250, "2.0.0", "OK: queued as " + id);
                } finally {
                    in.close();
                }
            }

            @Override
            public void abort() {
                in.close();
            }
        };
    }

    private Recipient recipient(smtp.session.Recipient r) {
        Mailbox m = switch (r.forwardPath()) {
            case Path p -> p.mailbox();
            case Postmaster p -> new Mailbox("postmaster", new Domain(hostName));
        };
        return new Recipient(m, r.notifyOn(), r.orcpt());
    }
}
