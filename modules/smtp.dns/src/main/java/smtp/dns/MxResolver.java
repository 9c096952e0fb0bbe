package smtp.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 5321 §5.1 MX resolution: the ordered list of hosts to try for a domain.
 *
 * <ul>
 * <li>MX records sorted by preference, shuffled among equal preferences;</li>
 * <li>no MX records: the domain's own AAAA/A records act as an implicit MX of preference 0;</li>
 * <li>a null MX (RFC 7505) is a permanent failure, never a fall back to A records;</li>
 * <li>if this host appears in the list, it and every record of equal or higher preference value
 *     are dropped; nothing left is a {@link MxRoute.Loop};</li>
 * <li>a domain written as an address literal ({@code [192.0.2.1]}, {@code [IPv6:...]}) bypasses DNS;</li>
 * <li>an exchange written as an IP address is not a domain name and is skipped; an exchange that
 *     is an alias (CNAME) is followed;</li>
 * <li>a temporary failure that leaves nothing to try is {@link MxRoute.TempFail}, never a
 *     permanent outcome; at most 10 exchanges are resolved.</li>
 * </ul>
 *
 * <p>{@link MxRoute.Hosts} lists only hosts that have at least one address, each host's
 * addresses in the {@link AddressOrder} chosen (IPv6 first by default), each family in the
 * resolver's order.
 *
 * <h2>Standards</h2>
 * RFC 5321 §5.1, §5.2, §4.1.3; RFC 7505 §3, §4.1. See {@code rfc-notes/rfc5321.md} (§5) and
 * {@code rfc-notes/rfc7505.md}.
 */
public final class MxResolver {

    private final smtp.dns.internal.MxRouting impl;

    /**
     * @param resolver   the lookups
     * @param localNames this host's names (lower case), to detect that it is itself an MX
     */
    public MxResolver(Resolver resolver, Set<String> localNames) {
        this(resolver, localNames, Set.of(), AddressOrder.IPV6_FIRST);
    }

    /**
     * @param resolver       the lookups
     * @param localNames     this host's names, to detect that it is itself an MX
     * @param localAddresses this host's addresses, likewise (RFC 5321 §5.1: "any of the names or
     *                       addresses by which it might be known")
     * @param order          which address families to use, in which order (RFC 5321 §5.2)
     */
    public MxResolver(Resolver resolver, Set<String> localNames, Set<InetAddress> localAddresses, AddressOrder order) {
        this.impl = new smtp.dns.internal.MxRouting(resolver, localNames, localAddresses, order, ThreadLocalRandom::current);
    }

    /**
     * The address families tried for each host and their order (RFC 5321 §5.2 leaves it to
     * "local circumstances"); an {@code _ONLY} order does not even look up the other family.
     */
    public enum AddressOrder {
        /** AAAA records first, then A records (the default). */
        IPV6_FIRST(true, false),
        /** A records first, then AAAA records. */
        IPV4_FIRST(false, true),
        /** AAAA records only: an IPv6-only host. */
        IPV6_ONLY(true),
        /** A records only: an IPv4-only host. */
        IPV4_ONLY(false);

        private final List<Boolean> families;

        AddressOrder(Boolean... ipv6) {
            this.families = List.of(ipv6);
        }

        /** For each family in order, true for IPv6 (AAAA) and false for IPv4 (A). */
        public List<Boolean> families() {
            return families;
        }
    }

    /** The hosts for {@code domain} (a domain name or an address literal in brackets). */
    public MxRoute route(String domain) {
        return impl.route(domain);
    }
}
