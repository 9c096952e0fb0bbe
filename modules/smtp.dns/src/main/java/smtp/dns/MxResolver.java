package smtp.dns;

import java.util.Set;

/**
 * RFC 5321 §5.1 MX resolution: the ordered list of hosts to try for a domain.
 *
 * <ul>
 * <li>MX records sorted by preference, shuffled among equal preferences;</li>
 * <li>no MX records: the domain's own AAAA/A records act as an implicit MX of preference 0;</li>
 * <li>a null MX (RFC 7505) is a permanent failure, never a fall back to A records;</li>
 * <li>if this host appears in the list, it and every record of equal or higher preference value
 *     are dropped; nothing left is a {@link MxRoute.Loop};</li>
 * <li>a domain written as an address literal ({@code [192.0.2.1]}, {@code [IPv6:...]}) bypasses DNS.</li>
 * </ul>
 */
public final class MxResolver {

    private final smtp.dns.internal.MxRouting impl;

    /**
     * @param resolver   the lookups
     * @param localNames this host's names (lower case), to detect that it is itself an MX
     */
    public MxResolver(Resolver resolver, Set<String> localNames) {
        this.impl = new smtp.dns.internal.MxRouting(resolver, localNames);
    }

    /** The hosts for {@code domain} (a domain name or an address literal in brackets). */
    public MxRoute route(String domain) {
        return impl.route(domain);
    }
}
