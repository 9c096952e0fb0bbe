package smtp.server.internal.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import smtp.auth.AuthResultsEntry;
import smtp.auth.AuthenticationResults;
import smtp.auth.DkimResult;
import smtp.auth.DmarcDkimResult;
import smtp.auth.DmarcEvaluation;
import smtp.auth.DmarcPolicy;
import smtp.auth.DmarcResult;
import smtp.auth.DmarcSpfResult;
import smtp.auth.DmarcVerifier;
import smtp.auth.SpfOutcome;
import smtp.auth.SpfResult;
import smtp.auth.SpfVerifier;
import smtp.session.Decision;
import smtp.wire.Domain;
import smtp.wire.HeaderField;
import smtp.wire.HeaderSection;
import smtp.wire.Host;
import smtp.wire.Path;
import smtp.wire.Reply;
import smtp.wire.ReversePath;

/**
 * The authentication checks of inbound mail (the port 25 role, clients outside
 * {@code relay.networks}): SPF at HELO and MAIL FROM, DKIM and DMARC at the end of data, and
 * the one Authentication-Results field that records them.
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>RFC 7208 §2.3 (HELO identity, "RECOMMENDED"), §2.4 (MAIL FROM identity, "MUST"), §8.4:
 *     on "fail" the server "MAY reject", with 550 5.7.23 (RFC 7372 §3.2) and the domain's
 *     explanation (here when {@code spf.enforce}); §8.6/§8.7: temperror "451 4.4.3", so a
 *     temporary DNS failure never rejects good mail.</li>
 * <li>RFC 7489 §6.6 and §6.7: the disposition; §10.3 "550 5.7.1" for p=reject (with
 *     {@code dmarc.enforce}); quarantine delivers with a marking field. A DMARC temperror, or a
 *     failure while a DKIM key lookup failed temporarily, answers 451 4.4.3 instead of rejecting.</li>
 * <li>RFC 8601 §2.2, §5, §6: one Authentication-Results field with our authserv-id (the host
 *     name), spf, dkim (one entry per signature, "none" without) and dmarc results.</li>
 * </ul>
 */
public final class InboundChecks {

    /** The field that marks a message DMARC asked to quarantine (RFC 7489 §6.3 leaves the form to the receiver). */
    public static final String QUARANTINE_FIELD = "X-DMARC-Quarantine";

    private final SpfVerifier spf;
    private final DmarcVerifier dmarc;
    private final String authservId;
    private final boolean spfEnforce;
    private final boolean dmarcEnforce;

    public InboundChecks(SpfVerifier spf, DmarcVerifier dmarc, String authservId, boolean spfEnforce, boolean dmarcEnforce) {
        this.spf = spf;
        this.dmarc = dmarc;
        this.authservId = authservId;
        this.spfEnforce = spfEnforce;
        this.dmarcEnforce = dmarcEnforce;
    }

    /** RFC 7208 §2.3: the HELO check (only for a domain name; §4.3 makes literals "none"). */
    public Optional<SpfOutcome> helo(InetAddress client, Host helo) {
        return helo instanceof Domain d ? Optional.of(spf.checkHelo(client, d.name())) : Optional.empty();
    }

    /** RFC 7208 §2.4: the MAIL FROM check ({@code postmaster@<helo>} for the null path). */
    public SpfOutcome mailFrom(InetAddress client, ReversePath path, Host helo) {
        String sender = path instanceof Path p ? p.mailbox().toString() : "";
        return spf.checkMailFrom(client, sender, helo.toString());
    }

    /** The verdict at MAIL FROM, given both SPF outcomes. */
    public Decision atMail(Optional<SpfOutcome> helo, SpfOutcome mailFrom) {
        if (spfEnforce && helo.isPresent() && helo.get().result() == SpfResult.FAIL) {
            // RFC 7208 §2.3: a conclusive HELO result may decide without the MAIL FROM check.
            return Decision.reject(Reply.of(550, "5.7.23", "SPF: HELO " + helo.get().domain() + " does not permit this client: "
                    + helo.get().explanation().orElse(helo.get().reason())));
        }
        return switch (mailFrom.result()) {
            // RFC 7208 §8.4: "If the checking software chooses to reject the mail ... 550 5.7.23"
            case FAIL -> spfEnforce
                    ? Decision.reject(Reply.of(550, "5.7.23", "SPF: " + text(mailFrom.explanation().orElse(mailFrom.reason()))))
                    : Decision.accept();
            // RFC 7208 §8.6: "the SMTP server MAY return a temporary failure reply, 451 4.4.3"
            case TEMPERROR -> Decision.reject(Reply.of(451, "4.4.3",
                    "SPF check of " + mailFrom.domain() + " failed temporarily (DNS); try again later"));
            case NONE, NEUTRAL, PASS, SOFTFAIL, PERMERROR -> Decision.accept();
        };
    }

    /** The outcome at the end of data: the decision and the trace fields to add. */
    public record Verdict(Decision decision, List<HeaderField> fields) {
    }

    /** DKIM results and DMARC for a received message, with the SPF outcomes of its transaction. */
    public Verdict atEndOfData(Optional<HeaderSection> header, List<DkimResult> dkim, Optional<SpfOutcome> heloSpf,
                               Optional<SpfOutcome> mailSpf) {
        List<AuthResultsEntry> entries = new ArrayList<>();
        mailSpf.or(() -> heloSpf).ifPresent(o -> entries.add(AuthResultsEntry.spf(o)));
        List<DmarcDkimResult> forDmarc = new ArrayList<>();
        boolean dkimTempError = false;
        if (dkim.isEmpty()) {
            entries.add(new AuthResultsEntry("dkim", "none", List.of()));
        }
        for (DkimResult r : dkim) {
            String d = r.signature().map(s -> s.domain()).orElse("");
            String s = r.signature().map(x -> x.selector()).orElse("");
            String b = r.signature().map(x -> x.signatureBase64()).orElse("");
            entries.add(AuthResultsEntry.dkim(r.keyword(), d, s, b));
            dkimTempError |= r instanceof DkimResult.TempError;
            boolean testing = r instanceof DkimResult.Pass p && p.key().testing();
            if (!d.isEmpty() && !testing) {
                // RFC 6376 §3.6.1 t=y: a testing key is treated like an unsigned message.
                forDmarc.add(new DmarcDkimResult(d, s, DmarcDkimResult.Verdict.valueOf(r.keyword().toUpperCase(Locale.ROOT))));
            }
        }
        Optional<DmarcSpfResult> spfForDmarc = mailSpf.map(DmarcSpfResult::of);
        DmarcEvaluation e = header.map(h -> dmarc.evaluate(h, spfForDmarc, forDmarc))
                .orElseGet(() -> dmarc.evaluate(0, List.of(), spfForDmarc, forDmarc));
        entries.add(AuthResultsEntry.dmarc(e));
        List<HeaderField> fields = new ArrayList<>();
        fields.add(new AuthenticationResults(authservId, entries).toHeaderField());
        if (!dmarcEnforce) {
            return new Verdict(Decision.accept(), fields);
        }
        if (e.result() == DmarcResult.TEMPERROR
                || (e.result() == DmarcResult.FAIL && e.disposition() != DmarcPolicy.NONE && dkimTempError)) {
            return new Verdict(Decision.reject(Reply.of(451, "4.4.3",
                    "DMARC check of " + e.fromDomain() + " failed temporarily (DNS); try again later")), fields);
        }
        return switch (e.disposition()) {
            // RFC 7489 §10.3: "550 5.7.1 Email rejected per DMARC policy for example.com"
            case REJECT -> new Verdict(Decision.reject(Reply.of(550, "5.7.1",
                    "Email rejected per DMARC policy " + subject(e, header.isEmpty()))), fields);
            case QUARANTINE -> {
                fields.add(HeaderField.of(QUARANTINE_FIELD, "yes (DMARC policy=quarantine " + subject(e, header.isEmpty())
                        + ", checked by " + authservId + ")"));
                yield new Verdict(Decision.accept(), fields);
            }
            case NONE -> new Verdict(Decision.accept(), fields);
        };
    }

    /**
     * What the disposition applies to: "for" the Author Domain, or, when the message has none
     * (no From: field, several, an unusable one, or a header section that does not parse), why
     * not, in the evaluation's words (RFC 7489 §6.6.1).
     */
    private static String subject(DmarcEvaluation e, boolean headerUnparseable) {
        if (!e.fromDomain().isEmpty()) {
            return "for " + e.fromDomain();
        }
        String why = headerUnparseable
                ? "the header section does not parse (RFC 5322 section 2.2), so it has no usable From: field (RFC 7489 section 6.6.1)"
                : e.reason().replace("§", "section ");
        return "applied without an Author Domain: " + text(why);
    }

    /** Keeps a reply text printable US-ASCII on one line (RFC 5321 §4.2 textstring). */
    private static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? c : '?');
        }
        return b.length() > 400 ? b.substring(0, 400) : b.toString();
    }
}
