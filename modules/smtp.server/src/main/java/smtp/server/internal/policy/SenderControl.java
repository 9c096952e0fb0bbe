package smtp.server.internal.policy;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import smtp.server.ServerSettings;
import smtp.server.internal.users.Mailboxes;
import smtp.server.internal.users.Users;
import smtp.session.Decision;
import smtp.session.Envelope;
import smtp.wire.AddrSpec;
import smtp.wire.Domain;
import smtp.wire.HeaderAddress;
import smtp.wire.HeaderField;
import smtp.wire.HeaderMailbox;
import smtp.wire.HeaderSection;
import smtp.wire.NullPath;
import smtp.wire.ParseResult;
import smtp.wire.Path;
import smtp.wire.Reply;
import smtp.wire.ReversePath;

/**
 * Submission: an authenticated user may send only as their own addresses, {@code user} and
 * {@code user+tag} at every local domain, in the envelope (MAIL FROM) and in the From: field.
 *
 * <h2>Standards</h2>
 * RFC 6409 §4.1 and §6.1: the MSA is responsible for the submitted message and "SHOULD" check
 * that the submitter is authorized to use the addresses it claims; RFC 4954 §6 (530 5.7.0
 * "Authentication required"); RFC 5322 §3.6 (a message has a From: field). The null
 * reverse-path is allowed (notifications a mail client sends, such as RFC 8098 MDNs).
 * RFC 6409 §8: "Sites MAY modify submissions to ensure compliance with standards": a message
 * without From: gets one with the envelope sender (the user's own address, checked at MAIL;
 * {@code user@hostname} for the null reverse-path), one without Date: a Date: (§8.2), one
 * without Message-ID: a Message-ID: (§8.3), before the From: check and DKIM signing.
 *
 * <h2>Diagnostics</h2>
 * 530 5.7.0 without AUTH; 553 5.7.1 for a sender address the user does not own; 550 5.7.1 for
 * a From: address the user does not own; 550 5.6.0 for a message with several From: fields,
 * or whose header section does not parse.
 */
public final class SenderControl {

    /** RFC 5322 §3.3 date-time, e.g. {@code Tue, 3 Jun 2008 11:05:30 +0000}. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final ServerSettings settings;
    private final Mailboxes mailboxes;

    public SenderControl(ServerSettings settings, Mailboxes mailboxes) {
        this.settings = settings;
        this.mailboxes = mailboxes;
    }

    /** At MAIL: authenticated, and sending as themselves. */
    public Decision mail(Optional<String> user, ReversePath path) {
        if (user.isEmpty()) {
            // RFC 4954 §6: "530 5.7.0 Authentication required"
            return Decision.reject(Reply.of(530, "5.7.0", "Authentication required"));
        }
        return switch (path) {
            case NullPath n -> Decision.accept();
            case Path p -> mailboxes.owns(user.get(), p.mailbox(), settings::isLocal) ? Decision.accept()
                    : Decision.reject(Reply.of(553, "5.7.1", "<" + p.mailbox() + ">: Sender address rejected: not owned by user "
                    + user.get()));
        };
    }

    /**
     * At the end of data: every address of the From: field belongs to the user. The header
     * section is the one {@link #missingFields} completed, so it lacks a From: field only when it
     * does not parse (empty).
     */
    public Decision header(String user, Optional<HeaderSection> header) {
        if (header.isEmpty()) {
            return Decision.reject(Reply.of(550, "5.6.0", "The header section is not RFC 5322 header fields (RFC 5322 §2.2)"));
        }
        List<HeaderField> from = header.get().all("From");
        if (from.size() != 1) {
            // RFC 5322 §3.6: the From: field occurs exactly once (none only when it was not completed).
            return Decision.reject(Reply.of(550, "5.6.0", "The message needs exactly one From: header field (RFC 5322 §3.6)"));
        }
        List<AddrSpec> addresses = new ArrayList<>();
        if (HeaderAddress.parseList(from.get(0).value()) instanceof ParseResult.Ok<List<HeaderAddress>> ok) {
            for (HeaderAddress a : ok.value()) {
                for (HeaderMailbox m : a.mailboxes()) {
                    addresses.add(m.addrSpec());
                }
            }
        }
        if (addresses.isEmpty()) {
            return Decision.reject(Reply.of(550, "5.6.0", "The From: header field has no address (RFC 5322 §3.6.2)"));
        }
        for (AddrSpec a : addresses) {
            if (!owns(user, a)) {
                return Decision.reject(Reply.of(550, "5.7.1", "From: " + ascii(a.toString()) + " is not an address of user " + user));
            }
        }
        return Decision.accept();
    }

    /**
     * The fields a submitted message lacks (RFC 6409 §8): From: (RFC 5322 §3.6.2, from the
     * envelope), Date: (§3.6.1, now) and Message-ID: (§3.6.4); nothing without AUTH. RFC 5322
     * §3.6: "The only required header fields are the origination date field and the originator
     * address field(s)", and every message "SHOULD have a "Message-ID:" field"; RFC 6409 §8.2 lets
     * the MSA add a missing Date: (MAY), §8.3 asks it to add a missing Message-ID: (SHOULD), and
     * §8 lets it complete a missing From: to "ensure compliance with standards".
     */
    public List<HeaderField> missingFields(Envelope envelope, HeaderSection header) {
        Optional<String> user = envelope.origin().authIdentity();
        if (user.isEmpty()) {
            return List.of();
        }
        List<HeaderField> add = new ArrayList<>();
        if (header.all("From").isEmpty()) {
            String address = envelope.reversePath() instanceof Path p ? p.mailbox().toString()
                    : Users.normalize(user.get()) + "@" + settings.hostname();
            add.add(HeaderField.of("From", "<" + address + ">"));
        }
        if (header.all("Date").isEmpty()) {
            add.add(HeaderField.of("Date", DATE.format(ZonedDateTime.now())));
        }
        if (header.all("Message-ID").isEmpty()) {
            add.add(HeaderField.of("Message-ID", "<" + UUID.randomUUID() + "@" + settings.hostname() + ">"));
        }
        return add;
    }

    /** The domain of the first From: address, for DKIM signing. */
    public static Optional<String> fromDomain(HeaderSection header) {
        List<HeaderField> from = header.all("From");
        if (from.size() == 1 && HeaderAddress.parseList(from.get(0).value()) instanceof ParseResult.Ok<List<HeaderAddress>> ok) {
            for (HeaderAddress a : ok.value()) {
                for (HeaderMailbox m : a.mailboxes()) {
                    return Optional.of(m.addrSpec().domain());
                }
            }
        }
        return Optional.empty();
    }

    private boolean owns(String user, AddrSpec a) {
        if (a.localPart().startsWith("\"") || !(Domain.parse(a.domain()) instanceof ParseResult.Ok<Domain> d)
                || !settings.isLocal(d.value())) {
            return false;
        }
        return mailboxes.baseLocalPart(a.localPart()).equals(Users.normalize(user));
    }

    private static String ascii(String s) {
        return s.chars().allMatch(c -> c >= 32 && c < 127) ? s : "(non-ASCII address)";
    }
}
