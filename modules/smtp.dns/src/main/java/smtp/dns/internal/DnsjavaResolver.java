package smtp.dns.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.xbill.DNS.ResolverConfig;
import smtp.dns.DnsConfig;
import smtp.dns.DnsResult;
import smtp.dns.MxRecord;
import smtp.dns.RecordType;
import smtp.dns.Resolver;

/**
 * The network {@link Resolver}: questions go to recursive servers (the system's, or those
 * configured) through dnsjava, answers are read into typed results and cached for their TTL.
 *
 * <h2>Standards</h2>
 * RFC 1034 §5.3.1 (a stub resolver relies on recursive servers), RFC 5321 §5.1 (names are
 * fully qualified: no search list, no {@code ndots}), RFC 1034 §3.6.2 (CNAME chains followed,
 * also across responses, at most {@link ZoneIndex#MAX_CNAME_CHAIN} links), RFC 2308 (negative
 * answers typed and cached, see {@link DnsCache}), RFC 4035 §3.2.3 (the AD bit passed through,
 * for records and for NXDOMAIN/NODATA alike, true through a chain only when every response had
 * it), and {@link DnsClient} for transport.
 *
 * <h2>Diagnostics</h2>
 * Never throws for DNS trouble: SERVFAIL, REFUSED, other error RCODEs, timeouts, trouble over
 * TCP, referrals and over-long CNAME chains are {@link DnsResult.TempFail}, whose reason names
 * the server and what it did.
 *
 * <h2>The JDK's own name resolution</h2>
 * dnsjava registers a {@code java.net.spi.InetAddressResolverProvider}; the JDK takes the first
 * such provider it finds, so with dnsjava on the module path {@link InetAddress#getByName} goes
 * through it. dnsjava's provider hands back the JDK's built-in resolver unless the system
 * property {@code org.dnsjava.spi.enable=true} is set, so the server's own lookups (its listen
 * address, {@code localhost}, /etc/hosts) behave as without dnsjava. Do not set that property.
 */
public final class DnsjavaResolver implements Resolver {

    private static final System.Logger LOG = System.getLogger(DnsjavaResolver.class.getName());

    private final DnsClient client;
    private final DnsCache cache;
    private final LongAdder queries = new LongAdder();
    private final LongAdder sent = new LongAdder();

    DnsjavaResolver(DnsConfig config, LongSupplier clock) {
        this.client = new DnsClient(servers(config), config.timeout(), config.retries());
        this.cache = new DnsCache(config.cacheSize(), clock);
    }

    /** A resolver for {@code config}; the system's servers are read now when none are given. */
    public static Resolver create(DnsConfig config) {
        return new DnsjavaResolver(config, System::nanoTime);
    }

    @Override
    public DnsResult<MxRecord> mx(String domain) {
        return lookup(domain, RecordType.MX);
    }

    @Override
    public DnsResult<String> txt(String domain) {
        return lookup(domain, RecordType.TXT);
    }

    @Override
    public DnsResult<InetAddress> a(String domain) {
        return lookup(domain, RecordType.A);
    }

    @Override
    public DnsResult<InetAddress> aaaa(String domain) {
        return lookup(domain, RecordType.AAAA);
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return lookup(DnsNames.reverse(address), RecordType.PTR);
    }

    @Override
    public long queryCount() {
        return queries.sum();
    }

    /** Questions that went to a server (cache misses, CNAME targets asked again), for tests. */
    long sentCount() {
        return sent.sum();
    }

    /** The servers asked, in order, for tests and logs. */
    public List<InetSocketAddress> servers() {
        return client.servers();
    }

    @SuppressWarnings("unchecked") // the reader yields each type's own element class
    private <T> DnsResult<T> lookup(String name, RecordType type) {
        queries.increment();
        Optional<String> canonical = DnsNames.canonical(name);
        if (canonical.isEmpty()) {
            return new DnsResult.NxDomain<>(false); // no such name can exist in the DNS: nothing to ask, nothing validated
        }
        String asked = canonical.get();
        Optional<DnsResult<T>> cached = cache.get(asked, type);
        if (cached.isPresent()) {
            return cached.get();
        }
        org.xbill.DNS.Name current = DnsNames.toName(asked);
        long ttl = Long.MAX_VALUE;
        boolean authenticated = true;
        int linksLeft = ZoneIndex.MAX_CNAME_CHAIN;
        while (true) {
            sent.increment();
            Answer answer = client.ask(current, type, linksLeft);
            DnsResult<T> result;
            switch (answer) {
                case Answer.Positive p -> {
                    ttl = Math.min(ttl, p.ttl());
                    result = new DnsResult.Records<>((List<T>) p.records(), authenticated && p.authenticated());
                }
                case Answer.Negative n -> {
                    ttl = Math.min(ttl, n.ttl());
                    // RFC 4035 §3.2.3: the AD bit of a denial too (RFC 7672 §2.2: DANE needs it)
                    boolean ad = authenticated && n.authenticated();
                    result = n.nxdomain() ? new DnsResult.NxDomain<>(ad) : new DnsResult.NoData<>(ad);
                }
                case Answer.Alias alias -> {
                    linksLeft -= alias.links(); // at least 1: the loop ends, the reader refuses a link too many
                    ttl = Math.min(ttl, alias.ttl());
                    authenticated &= alias.authenticated();
                    current = alias.target();
                    queries.increment(); // RFC 1034 §5.3.3: a further query for the canonical name
                    continue;
                }
                case Answer.Failure f -> {
                    LOG.log(System.Logger.Level.DEBUG, "DNS {0} {1}: {2}", asked, type, f.reason());
                    return new DnsResult.TempFail<>(f.reason());
                }
            }
            cache.put(asked, type, result, ttl);
            return result;
        }
    }

    private static List<InetSocketAddress> servers(DnsConfig config) {
        List<InetSocketAddress> configured = config.servers();
        if (configured.isEmpty()) {
            ResolverConfig.refresh();
            configured = ResolverConfig.getCurrentConfig().servers(); // /etc/resolv.conf and kin
        }
        if (configured.isEmpty()) {
            // RFC 1035 / resolv.conf(5): with no nameserver line, the local host is asked.
            return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        }
        List<InetSocketAddress> resolved = new ArrayList<>();
        for (InetSocketAddress s : configured) {
            if (!s.isUnresolved()) {
                resolved.add(s);
                continue;
            }
            try {
                resolved.add(new InetSocketAddress(InetAddress.getByName(s.getHostString()), s.getPort()));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("DNS server " + s.getHostString() + " has no address", e);
            }
        }
        return resolved;
    }
}
