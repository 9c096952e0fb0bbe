package smtp.server.internal.policy;

import java.util.Optional;
import smtp.server.ServerSettings;
import smtp.server.internal.users.Mailboxes;
import smtp.session.Decision;
import smtp.wire.AddressLiteral;
import smtp.wire.Domain;
import smtp.wire.ForwardPath;
import smtp.wire.Mailbox;
import smtp.wire.Path;
import smtp.wire.Postmaster;
import smtp.wire.Reply;

/**
 * Which recipients a client may give: mailboxes of local domains that exist, and other domains
 * only for a client that may relay (authenticated, or from {@code relay.networks}).
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>RFC 5321 §3.9 and §7.1: an open relay forwards mail for anyone; a server decides whom it
 *     relays for. Unauthorised relaying gets 550 5.7.1 (RFC 3463 5.7.1 "delivery not
 *     authorized"; RFC 5321 §4.3.2 lists no 554 for RCPT).</li>
 * <li>Disguised relaying through a local domain is refused: the percent hack
 *     ({@code user%remote@local}, RFC 1123 §5.2.16 and RFC 5321 §3.6.1 on source routes), bang
 *     paths ({@code remote!user@local}, UUCP) and quoted local-parts carrying an address
 *     ({@code "user@remote"@local}): a local-part with "%", "!" or "@" is never a local user
 *     here and is answered 550 5.7.1, so that no later stage can reinterpret it as a route.</li>
 * <li>RFC 5321 §3.6.1: a source route ({@code <@hop:user@domain>}) is ignored; the decision is
 *     made on the final mailbox (so {@code <@local:user@remote>} is relaying).</li>
 * <li>A domain with a trailing dot or an address literal is not a local domain (the literal of
 *     any host, ours included: mail for local users is addressed by domain).</li>
 * <li>RFC 5321 §4.5.1: postmaster, with or without a domain, is always accepted for local
 *     domains; §4.1.1.3 {@code <Postmaster>}.</li>
 * <li>An unknown local user gets 550 5.1.1 (RFC 3463 "bad destination mailbox address").</li>
 * </ul>
 */
public final class RelayControl {

    private final ServerSettings settings;
    private final Mailboxes mailboxes;

    public RelayControl(ServerSettings settings, Mailboxes mailboxes) {
        this.settings = settings;
        this.mailboxes = mailboxes;
    }

    /** The decision for RCPT TO:{@code path}; {@code mayRelay} for authenticated or trusted clients. */
    public Decision recipient(ForwardPath path, boolean mayRelay) {
        Mailbox m;
        switch (path) {
            case Postmaster p -> {
                return Decision.accept();
            }
            case Path p -> m = p.mailbox();
        }
        if (isLocal(m)) {
            Optional<String> disguise = disguise(m);
            if (disguise.isPresent()) {
                return Decision.reject(Reply.of(550, "5.7.1", "<" + m + ">: Relay access denied: " + disguise.get()));
            }
            if (mailboxes.resolve(m).isEmpty()) {
                return Decision.reject(Reply.of(550, "5.1.1", "<" + m + ">: Recipient address rejected: User unknown"));
            }
            return Decision.accept();
        }
        if (mayRelay) {
            return Decision.accept();
        }
        return Decision.reject(Reply.of(550, "5.7.1", "<" + m + ">: Relay access denied"));
    }

    /** True when the mailbox is at a local domain (never an address literal). */
    public boolean isLocal(Mailbox m) {
        return switch (m.host()) {
            case Domain d -> !d.name().endsWith(".") && settings.isLocal(d);
            case AddressLiteral a -> false;
        };
    }

    /** Why a local-part is a routing disguise, if it is one. */
    static Optional<String> disguise(Mailbox m) {
        String local = m.unquotedLocalPart();
        if (local.indexOf('@') >= 0) {
            return Optional.of("an address inside the local-part is not accepted");
        }
        if (local.indexOf('%') >= 0) {
            return Optional.of("the percent hack (user%domain) is not accepted");
        }
        if (local.indexOf('!') >= 0) {
            return Optional.of("bang paths (host!user) are not accepted");
        }
        return Optional.empty();
    }
}
