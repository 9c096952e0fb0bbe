package smtp.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One host to try for a destination, RFC 5321 §5.1, with its addresses resolved.
 *
 * @param name       the exchange name (or the domain itself for an implicit MX, or the
 *                   literal's text for an address literal)
 * @param preference the MX preference (0 for implicit MX and address literals)
 * @param addresses  the addresses to try in order (AAAA and A; may be empty when the exchange
 *                   has none, in which case the caller moves on to the next host)
 */
public record MxHost(String name, int preference, List<InetAddress> addresses) {

    public MxHost {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
    }
}
