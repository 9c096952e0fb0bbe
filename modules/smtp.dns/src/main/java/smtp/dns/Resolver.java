package smtp.dns;

import java.net.InetAddress;

/**
 * The DNS lookups mail needs, as typed results. Implementations: the dnsjava network resolver
 * made by {@link Resolvers#create(DnsConfig)}, and in-memory resolvers for tests. A service
 * ({@code uses smtp.dns.Resolver}) so that operators and tests can plug their own.
 *
 * <p>Names are given without a trailing dot; comparison is case-insensitive. CNAMEs are
 * followed (RFC 1034 §3.6.2), within a bounded chain.
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

    /** The number of queries sent (or answered from the cache) since creation, for limits and tests. */
    long queryCount();
}
