package smtp.benchmarks.spf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import smtp.dns.DnsResult;
import smtp.dns.MxRecord;
import smtp.dns.Resolver;

/**
 * The DNS data of the benchmark, served in memory to both implementations: to ours as an
 * {@link smtp.dns.Resolver}, to jSPF through {@link JspfDns}. A typical include chain: the
 * sender domain includes its own netblocks (which include a second level) and a mailing
 * provider's record, then lists its MX; the client matches at the third level.
 */
final class SpfZone implements Resolver {

    final Map<String, List<String>> txt = new HashMap<>();
    final Map<String, List<String>> a = new HashMap<>();
    final Map<String, List<String>> aaaa = new HashMap<>();
    final Map<String, List<MxRecord>> mx = new HashMap<>();
    private final AtomicLong queries = new AtomicLong();

    static SpfZone typical() {
        SpfZone z = new SpfZone();
        z.txt.put("example.com", List.of("google-site-verification=abc123", "v=spf1 include:_spf.example.com include:spf.mailer.example mx -all"));
        z.txt.put("_spf.example.com", List.of("v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.0/25 include:_netblocks.example.com ~all"));
        z.txt.put("_netblocks.example.com", List.of("v=spf1 ip4:192.0.2.0/26 ip6:2001:db8:1::/48 ip4:192.0.2.128/25 -all"));
        z.txt.put("spf.mailer.example", List.of("v=spf1 a:out.mailer.example ip4:233.252.0.0/24 -all"));
        z.a.put("out.mailer.example", List.of("233.252.1.10", "233.252.1.11"));
        z.mx.put("example.com", List.of(new MxRecord(10, "mx1.example.com"), new MxRecord(20, "mx2.example.com")));
        z.a.put("mx1.example.com", List.of("198.51.100.25"));
        z.a.put("mx2.example.com", List.of("198.51.100.26"));
        return z;
    }

    private static String key(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT);
    }

    private <T> DnsResult<T> answer(List<T> records) {
        queries.incrementAndGet();
        return records == null || records.isEmpty() ? new DnsResult.NxDomain<>(false) : new DnsResult.Records<>(records, false);
    }

    private static List<InetAddress> addresses(List<String> text) {
        if (text == null) {
            return null;
        }
        return text.stream().map(t -> {
            try {
                return InetAddress.getByName(t);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }).toList();
    }

    @Override
    public DnsResult<MxRecord> mx(String domain) {
        return answer(mx.get(key(domain)));
    }

    @Override
    public DnsResult<String> txt(String domain) {
        return answer(txt.get(key(domain)));
    }

    @Override
    public DnsResult<InetAddress> a(String domain) {
        return answer(addresses(a.get(key(domain))));
    }

    @Override
    public DnsResult<InetAddress> aaaa(String domain) {
        return answer(addresses(aaaa.get(key(domain))));
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return answer(null);
    }

    @Override
    public long queryCount() {
        return queries.get();
    }
}
