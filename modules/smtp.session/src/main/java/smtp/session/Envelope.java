package smtp.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import smtp.wire.BodyType;
import smtp.wire.ForwardPath;
import smtp.wire.Path;
import smtp.wire.ReversePath;
import smtp.wire.Ret;

/**
 * The envelope of one mail transaction (RFC 5321 §2.3.1, §3.3): the reverse-path, the accepted
 * recipients and every MAIL parameter the transaction carried, plus its {@link Origin}. The
 * server session hands it to {@link MessageStore#open}; the queue persists it and gives it back
 * to the {@link ClientSession} to relay the message.
 *
 * <h2>Standards</h2>
 * RFC 5321 §3.3 (mail transactions); RFC 3461 §4.3, §4.4 (RET, ENVID) and §4.1, §4.2 (NOTIFY,
 * ORCPT, in each {@link Recipient}); RFC 6152 and RFC 3030 (BODY); RFC 6531 §3.4 (SMTPUTF8);
 * RFC 1870 (the declared SIZE); RFC 4954 §5 (the AUTH parameter).
 *
 * @param reversePath  the reverse-path of MAIL ({@code <>} for notifications, RFC 5321 §4.5.5)
 * @param recipients   the accepted recipients, in the order accepted; at least one
 * @param ret          {@code RET=}: FULL or HDRS in a DSN (RFC 3461 §4.3)
 * @param envelopeId   {@code ENVID=} (RFC 3461 §4.4), decoded
 * @param body         {@code BODY=} (RFC 6152 §2, RFC 3030 §3)
 * @param smtpUtf8     the transaction was opened with {@code SMTPUTF8} (RFC 6531 §3.4)
 * @param declaredSize {@code SIZE=} as declared by the client (RFC 1870 §3)
 * @param mailAuth     {@code AUTH=} (RFC 4954 §5), decoded; {@code <>} when unknown or untrusted
 * @param origin       the session around the transaction
 */
public record Envelope(ReversePath reversePath, List<Recipient> recipients, Optional<Ret> ret,
                       Optional<String> envelopeId, Optional<BodyType> body, boolean smtpUtf8,
                       OptionalLong declaredSize, Optional<String> mailAuth, Origin origin) {

    public Envelope {
        Objects.requireNonNull(reversePath, "reversePath");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("RFC 5321 §3.3: a transaction has at least one recipient");
        }
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(declaredSize, "declaredSize");
        Objects.requireNonNull(mailAuth, "mailAuth");
        Objects.requireNonNull(origin, "origin");
    }

    /** An envelope with only a reverse-path, recipients and origin (no ESMTP parameters). */
    public static Envelope of(ReversePath reversePath, List<Recipient> recipients, Origin origin) {
        return new Envelope(reversePath, recipients, Optional.empty(), Optional.empty(), Optional.empty(),
                false, OptionalLong.empty(), Optional.empty(), origin);
    }

    /** The same envelope for a subset of the recipients (one destination's share, for relaying). */
    public Envelope withRecipients(List<Recipient> subset) {
        return new Envelope(reversePath, subset, ret, envelopeId, body, smtpUtf8, declaredSize, mailAuth, origin);
    }

    /** The forward-paths of the recipients, in order. */
    public List<ForwardPath> forwardPaths() {
        return recipients.stream().map(Recipient::forwardPath).toList();
    }

    /**
     * True when some address of the envelope is not ASCII, so that it can only be relayed to
     * a server that offers SMTPUTF8 (RFC 6531 §3.2).
     */
    public boolean needsSmtpUtf8() {
        if (smtpUtf8) {
            return true;
        }
        if (reversePath instanceof Path p && !p.mailbox().isAscii()) {
            return true;
        }
        return recipients.stream().anyMatch(r -> r.forwardPath() instanceof Path p && !p.mailbox().isAscii());
    }

    /**
     * The protocol name for the {@code with} clause of a Received field: RFC 3848 §2
     * (SMTP, ESMTP, ESMTPA, ESMTPS, ESMTPSA) and RFC 6531 §3.7.3 (UTF8SMTP...).
     */
    public String withProtocol() {
        String base = origin.withProtocol();
        return smtpUtf8 ? "UTF8" + base.replace("ESMTP", "SMTP") : base;
    }
}
