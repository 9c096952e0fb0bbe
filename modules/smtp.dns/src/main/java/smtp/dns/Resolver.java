package smtp.dns;

import java.net.InetAddress;

/**
 * The DNS lookups mail needs, as typed results. Implementations: the dnsjava network resolver
 * made by {@link Resolvers#create(DnsConfig)}, and {@link InMemoryResolver} for tests and
 * benchmarks. A service ({@code uses smtp.dns.Resolver}) so that operators and tests can plug
 * their own: {@link Resolvers#load(DnsConfig)} returns the one provided, or the network resolver
 * when none is (its Javadoc gives the selection rule).
 *
 * <p>Names are given without a trailing dot (one is tolerated); comparison is case-insensitive;
 * non-ASCII names must be given as A-labels (RFC 5890). A name that cannot exist in the DNS (an
 * empty label, a label over 63 octets, over 255 octets in all) answers {@link DnsResult.NxDomain}
 * without a query. CNAMEs are followed (RFC 1034 §3.6.2) for at most 8 links; a longer chain or
 * a loop is a {@link DnsResult.TempFail}, as a recursive resolver's SERVFAIL would be. Returned
 * {@link InetAddress}es carry their owner name as host name, so {@code getHostName()} never
 * starts a reverse lookup.
 *
 * <p>Implementations are thread-safe.
 */
public interface Resolver {

    /** MX records of {@code domain}, RFC 1035 §3.3.9. */
    DnsResult<MxRecord> mx(String domain);

    /**
     * TXT records of {@code domain}: each record's character-strings concatenated with nothing
     * between them (RFC 7208 §3.3, RFC 6376 §3.6.2.2), decoded as UTF-8.
     */
    DnsResult<String> txt(String domain);

    /** IPv4 addresses (A records). */
    DnsResult<InetAddress> a(String domain);

    /** IPv6 addresses (AAAA records). */
    DnsResult<InetAddress> aaaa(String domain);

    /** PTR names of {@code address} (in-addr.arpa / ip6.arpa), without trailing dots. */
    DnsResult<String> ptr(InetAddress address);

    /**
     * Forward-confirmed PTR names of {@code address}: those of its first 10 PTR names whose A
     * (for IPv4) or AAAA (for IPv6) records include the address again (RFC 7208 §5.5; the name
     * for a {@code Received:} header). NXDOMAIN, NODATA and a temporary failure of the PTR lookup
     * come back as they are; PTR names of which none confirms give NODATA, or TempFail if a
     * forward lookup failed temporarily (RFC 7208 §5.5 callers treat that as "no match").
     */
    default DnsResult<String> confirmedPtr(InetAddress address) {
        return smtp.dns.internal.ForwardConfirmation.confirm(this, address);
    }

    /** The number of queries sent (or answered from the cache) since creation, for limits and tests. */
    long queryCount();
}
