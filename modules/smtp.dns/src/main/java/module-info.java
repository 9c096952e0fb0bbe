/**
 * DNS for mail: MX resolution (RFC 5321 §5.1, RFC 7505 null MX) and the TXT, A, AAAA and PTR
 * lookups that SPF, DKIM and DMARC need, on dnsjava.
 *
 * <h2>Standards</h2>
 * RFC 5321 §5 (address resolution and mail handling), RFC 7505 (null MX),
 * RFC 1035 / RFC 2181 (answers, TTLs, truncation), RFC 4035 §3.2.3 (the AD bit, passed through).
 *
 * <h2>Limits</h2>
 * Timeouts, retries and the cache bound are in {@link smtp.dns.DnsConfig}, each with its default;
 * CNAME chains are followed for at most 8 links; at most 10 MX exchanges are resolved per domain.
 *
 * <h2>The JDK's own name resolution</h2>
 * dnsjava provides a {@code java.net.spi.InetAddressResolverProvider}, which the JDK loads for
 * {@link java.net.InetAddress} lookups once dnsjava is on the module path. It returns the JDK's
 * built-in resolver unless the system property {@code org.dnsjava.spi.enable=true} is set, so
 * the server's own lookups (bind addresses, {@code localhost}, /etc/hosts, nsswitch) are not
 * changed by this module. Leave that property unset.
 */
module smtp.dns {
    exports smtp.dns;

    requires org.dnsjava; // the DNS message codec, UDP/TCP transport and zone-file parser
    requires org.slf4j;   // dnsjava logs through slf4j 2.x; slf4j-jdk14 forwards it to java.util.logging

    // Resolvers are pluggable: Resolvers.load finds a provided one (selection rule in its Javadoc).
    uses smtp.dns.Resolver;
}
