package smtp.queue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import smtp.wire.BodyType;
import smtp.wire.MailParameters;
import smtp.wire.NullPath;
import smtp.wire.Path;
import smtp.wire.ReversePath;
import smtp.wire.Ret;

/**
 * The SMTP envelope of a queued message (RFC 5321 §2.3.1): the reverse-path, the recipients
 * and the MAIL parameters that must survive until delivery: RET and ENVID for DSNs
 * (RFC 3461 §4.3, §4.4), BODY (RFC 6152) and SMTPUTF8 (RFC 6531) for the checks made when
 * the message is relayed.
 *
 * @param reversePath the MAIL FROM path, a source route stripped to its final mailbox;
 *                    {@link NullPath} for notifications (RFC 5321 §4.5.5)
 * @param recipients  at least one recipient, in RCPT order
 * @param ret         {@code RET=}: return the full message or only its headers in a failure DSN
 * @param envelopeId  {@code ENVID=}, xtext-decoded, reported as Original-Envelope-Id
 * @param body        {@code BODY=}
 * @param smtpUtf8    {@code SMTPUTF8} was given
 */
public record Envelope(ReversePath reversePath, List<Recipient> recipients, Optional<Ret> ret,
                       Optional<String> envelopeId, Optional<BodyType> body, boolean smtpUtf8) {

    public Envelope {
        Objects.requireNonNull(reversePath, "reversePath");
        // RFC 5321 §3.6.1: "When route information is encountered, SMTP servers MAY ignore the route
        // information and simply send to the final destination ... and SHOULD do so"; §6.1: a
        // notification's address, "if the address is an explicit source route, ... MUST be stripped
        // down to its final hop". The queue keeps only the final mailbox (the spool stores no route).
        if (reversePath instanceof Path p && !p.sourceRoute().isEmpty()) {
            reversePath = Path.of(p.mailbox());
        }
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            // RFC 5321 §3.3: a transaction needs at least one successful RCPT before DATA.
            throw new IllegalArgumentException("an envelope has at least one recipient");
        }
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(body, "body");
    }

    /** The envelope of a transaction: MAIL FROM's path and parameters, and the accepted recipients. */
    public static Envelope of(ReversePath reversePath, MailParameters mail, List<Recipient> recipients) {
        return new Envelope(reversePath, recipients, mail.ret(), mail.envelopeId(), mail.body(), mail.smtpUtf8());
    }

    /** A message with the null reverse-path: a notification that must never be answered (RFC 5321 §4.5.5). */
    public boolean isNotification() {
        return reversePath instanceof NullPath;
    }

    /**
     * The MAIL parameters to send when relaying this message: SIZE, BODY and SMTPUTF8 always
     * (as far as the server supports them, decided by the client), and RET and ENVID, which
     * RFC 3461 §5.2.1 says travel with the message to a server that supports DSN.
     */
    public MailParameters mailParameters(long size) {
        return new MailParameters(OptionalLong.of(size), body, smtpUtf8, Optional.empty(), ret, envelopeId, List.of());
    }
}
