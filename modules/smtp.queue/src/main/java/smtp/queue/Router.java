package smtp.queue;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import smtp.wire.AddressLiteral;
import smtp.wire.Domain;
import smtp.wire.Host;

/**
 * Decides the {@link Route} of each recipient. The queue only routes; what "local" means is
 * the server's business (RFC 5321 §3.6: a relay forwards what is not for its own domains).
 */
@FunctionalInterface
public interface Router {

    /** The route of {@code recipient}. */
    Route route(Recipient recipient);

    /**
     * Recipients whose domain is in {@code localDomains} (compared case-insensitively, RFC 5321
     * §2.4) go to {@code local}, grouped by domain; everything else to {@code remote}, grouped
     * by domain, or all together under {@code "relay"} when {@code remote} sends everything to a
     * smart host.
     */
    static Router localAndRemote(Set<String> localDomains, Transport local, Transport remote, boolean smartHost) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Set<String> locals = localDomains.stream().map(d -> new Domain(d).canonical()).collect(java.util.stream.Collectors.toSet());
        return recipient -> {
            String domain = destination(recipient.mailbox().host());
            if (locals.contains(domain)) {
                return new Route(local, domain);
            }
            return new Route(remote, smartHost ? "relay" : domain);
        };
    }

    /** The grouping key of a host: a domain's canonical form, or the literal as written. */
    static String destination(Host host) {
        return switch (host) {
            case Domain d -> d.canonical();
            case AddressLiteral a -> a.toString().toLowerCase(Locale.ROOT);
        };
    }
}
