/**
 * DNS for mail: MX resolution (RFC 5321 §5.1, RFC 7505 null MX) and the TXT, A, AAAA and PTR
 * lookups that SPF, DKIM and DMARC need, on dnsjava.
 *
 * <h2>Standards</h2>
 * RFC 5321 §5 (address resolution and mail handling), RFC 7505 (null MX),
 * RFC 1035 / RFC 2181 (answers, TTLs, truncation), RFC 4035 §3.2.3 (the AD bit, passed through).
 *
 * <h2>Limits</h2>
 * Timeouts, retries and the cache bound are in {@link smtp.dns.DnsConfig}, each with its default.
 */
module smtp.dns {
    exports smtp.dns;

    requires org.dnsjava; // the DNS message codec, UDP/TCP transport and zone-file parser
    requires org.slf4j;   // dnsjava logs through slf4j 2.x; slf4j-jdk14 forwards it to java.util.logging

    uses smtp.dns.Resolver;
}
