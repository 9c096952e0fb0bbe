package smtp.server.internal.users;

import java.util.Locale;
import java.util.Optional;
import smtp.wire.Domain;
import smtp.wire.Host;
import smtp.wire.Mailbox;

/**
 * Which local Maildir an address of a local domain is delivered to.
 *
 * <ul>
 * <li>RFC 5321 §4.5.1: "Any system that includes an SMTP server supporting mail relaying or
 *     delivery MUST support the reserved mailbox "postmaster" as a case-insensitive local name",
 *     for every local domain: postmaster@ goes to the configured postmaster mailbox, which exists
 *     whether or not it is a user.</li>
 * <li>Subaddresses: {@code user+tag} is delivered to {@code user} (the delimiter is configurable).</li>
 * <li>A quoted local-part is compared unquoted: {@code "demo"@} is {@code demo@} (RFC 5321
 *     §4.1.2 and §2.4: the quoting is then unnecessary and the mailbox the same).</li>
 * <li>Local-parts are compared case-insensitively (RFC 5321 §2.4 lets the receiving host decide;
 *     it "SHOULD avoid defining mailboxes where the Local-part requires (or uses) the Case
 *     distinction").</li>
 * </ul>
 */
public final class Mailboxes {

    private final UserDirectory users;
    private final String delimiter;
    private final String postmaster;

    /**
     * @param users      the users
     * @param delimiter  the subaddress delimiter, "" for none
     * @param postmaster the mailbox that receives postmaster@
     */
    public Mailboxes(UserDirectory users, String delimiter, String postmaster) {
        this.users = users;
        this.delimiter = delimiter;
        this.postmaster = postmaster;
    }

    /** The user (Maildir name) of a mailbox of a local domain, or empty when there is none. */
    public Optional<String> resolve(Mailbox mailbox) {
        if (!(mailbox.host() instanceof Domain)) {
            return Optional.empty();
        }
        // RFC 5321 §4.1.2: a Quoted-string whose content is a plain Dot-string names the same
        // mailbox as that Dot-string ("demo"@ is demo@); quoting that is necessary (a space, an
        // "@") leaves a name no user can have, checked below.
        String local = baseLocalPart(mailbox.unquotedLocalPart());
        if (local.equals("postmaster")) {
            return Optional.of(postmaster);
        }
        if (!Users.isValidName(local)) {
            return Optional.empty();
        }
        if (local.equals(postmaster) || users.exists(local)) {
            return Optional.of(local);
        }
        return Optional.empty();
    }

    /** True when {@code user} owns {@code mailbox}: the same name (before the delimiter) at a local domain. */
    public boolean owns(String user, Mailbox mailbox, java.util.function.Predicate<Domain> local) {
        Host h = mailbox.host();
        return h instanceof Domain d && local.test(d) && Users.isValidName(baseLocalPart(mailbox.unquotedLocalPart()))
                && baseLocalPart(mailbox.unquotedLocalPart()).equals(Users.normalize(user));
    }

    /** The local-part without its subaddress, in lower case. */
    public String baseLocalPart(String localPart) {
        String l = localPart.toLowerCase(Locale.ROOT);
        if (!delimiter.isEmpty()) {
            int i = l.indexOf(delimiter);
            if (i > 0) {
                l = l.substring(0, i);
            }
        }
        return l;
    }
}
