package smtp.session.internal.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.session.Envelope;
import smtp.session.MessageWriter;
import smtp.session.Origin;
import smtp.session.Recipient;
import smtp.wire.MailParameters;
import smtp.wire.ReversePath;

/**
 * An open mail transaction (RFC 5321 §3.3): from an accepted MAIL to the reply after the end of
 * the message, RSET, EHLO or QUIT.
 */
final class Transaction {

    final ReversePath reversePath;
    final MailParameters parameters;
    /** RFC 4954 §5: the AUTH= value to keep, "<>" when the client is not trusted to assert it. */
    final Optional<String> mailAuth;
    final List<Recipient> recipients = new ArrayList<>();
    /** True once a BDAT was received: DATA is then refused (RFC 3030 §2). */
    boolean chunked;
    /** Octets of BDAT chunks received so far. */
    long chunkedSize;
    /** The open message, once DATA or the first BDAT was accepted; null before. */
    MessageWriter writer;
    StoreSink sink;
    ContentInspector inspector;

    Transaction(ReversePath reversePath, MailParameters parameters, Optional<String> mailAuth) {
        this.reversePath = reversePath;
        this.parameters = parameters;
        this.mailAuth = mailAuth;
    }

    Envelope envelope(Origin origin) {
        return new Envelope(reversePath, recipients, parameters.ret(), parameters.envelopeId(), parameters.body(),
                parameters.smtpUtf8(), parameters.size(), mailAuth, origin);
    }

    /** Discards the message, if one was opened. */
    void abort() {
        if (writer != null) {
            writer.abort();
            writer = null;
            sink = null;
        }
    }
}
