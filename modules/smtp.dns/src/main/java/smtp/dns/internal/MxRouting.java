package smtp.dns.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import smtp.dns.DnsResult;
import smtp.dns.MxHost;
import smtp.dns.MxRecord;
import smtp.dns.MxResolver;
import smtp.dns.MxRoute;
import smtp.dns.Resolver;

/**
 * RFC 5321 §5.1 and RFC 7505: from a recipient domain to the ordered hosts and addresses to try.
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>RFC 5321 §5.1: MX first; a CNAME is followed ("processed as if it were the initial name",
 *     done by the {@link Resolver}); NXDOMAIN "MUST be reported as an error"
 *     ({@link MxRoute.NoSuchDomain}); on a temporary error "the message MUST be queued and
 *     retried later" ({@link MxRoute.TempFail}); no MX records: an implicit MX of preference 0
 *     pointing to the domain itself; MX records present but none usable, or an unusable implicit
 *     MX: an error ({@link MxRoute.NoMailHosts}), and "SMTP systems MUST NOT utilize any address
 *     RRs associated with that name unless they are located using the MX RRs".</li>
 * <li>RFC 5321 §5.1: preferences "MUST be used in sorting", lower first; equal preferences
 *     "MUST" be randomized; each exchange's addresses are kept in the order the resolver gave.</li>
 * <li>RFC 5321 §5.1: the relay "MUST then inspect the list for any of the names or addresses
 *     by which it might be known [...] all records at that preference level and higher-numbered
 *     ones MUST be discarded"; nothing left "MUST be returned as undeliverable"
 *     ({@link MxRoute.Loop}).</li>
 * <li>RFC 5321 §5.1: the exchange "MUST contain a domain name"; one written as an IP address is
 *     not, and is skipped as unusable (never used as an address). An exchange that is an alias
 *     "lies outside the scope" of the standard and violates RFC 2181 §10.3; like Postfix and
 *     Exim we follow the CNAME rather than lose the mail.</li>
 * <li>RFC 5321 §5.1 "there MAY also be a configurable limit on the number of alternate
 *     addresses": at most {@link #MAX_EXCHANGES} exchanges are resolved.</li>
 * <li>RFC 5321 §5.2: the address families and their order are an operator's choice
 *     ({@link MxResolver.AddressOrder}).</li>
 * <li>RFC 7505 §3–§4.1: a single MX record "0 ." is a null MX: a permanent failure (5.1.10),
 *     never a fall back to address records.</li>
 * <li>RFC 5321 §4.1.3 and §2.3.4: an address literal bypasses DNS.</li>
 * </ul>
 *
 * <h2>Diagnostics</h2>
 * Never throws for DNS trouble or bad input; a domain that cannot exist is
 * {@link MxRoute.NoSuchDomain}. A temporary failure is {@link MxRoute.TempFail} whenever it
 * leaves no host to try: it never becomes a permanent outcome.
 */
public final class MxRouting {

    /** The most MX exchanges resolved for one domain (each costs up to two queries). */
    public static final int MAX_EXCHANGES = 10;

    private final Resolver resolver;
    private final Set<String> localNames;
    private final Set<InetAddress> localAddresses;
    private final MxResolver.AddressOrder order;
    private final Supplier<RandomGenerator> random;

    /** This host known by {@code localNames} only; IPv6 first. */
    public MxRouting(Resolver resolver, Set<String> localNames) {
        this(resolver, localNames, Set.of(), MxResolver.AddressOrder.IPV6_FIRST, ThreadLocalRandom::current);
    }

    /**
     * @param random the source of the shuffle among equal preferences (tests pass a seeded one)
     */
    public MxRouting(Resolver resolver, Set<String> localNames, Set<InetAddress> localAddresses,
            MxResolver.AddressOrder order, Supplier<RandomGenerator> random) {
        this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
        this.localNames = localNames.stream()
                .map(n -> DnsNames.canonical(n).orElseThrow(() -> new IllegalArgumentException("not a domain name: " + n)))
                .collect(Collectors.toUnmodifiableSet());
        this.localAddresses = Set.copyOf(localAddresses);
        this.order = java.util.Objects.requireNonNull(order, "order");
        this.random = java.util.Objects.requireNonNull(random, "random");
    }

    /** Where mail for {@code domain} goes. */
    public MxRoute route(String domain) {
        if (domain == null) {
            return new MxRoute.NoSuchDomain();
        }
        if (AddressLiterals.isLiteral(domain)) {
            return literal(domain);
        }
        Optional<String> canonical = DnsNames.canonical(domain);
        if (canonical.isEmpty() || canonical.get().isEmpty()) {
            return new MxRoute.NoSuchDomain(); // no such name can exist in the DNS
        }
        String name = canonical.get();
        return switch (resolver.mx(name)) {
            case DnsResult.TempFail<MxRecord> t -> new MxRoute.TempFail("MX lookup of " + name + ": " + t.reason());
            case DnsResult.NxDomain<MxRecord> n -> new MxRoute.NoSuchDomain();
            case DnsResult.NoData<MxRecord> n -> implicitMx(name);
            case DnsResult.Records<MxRecord> r -> viaMx(r.records());
        };
    }

    /** RFC 5321 §4.1.3: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]} is the address itself. */
    private MxRoute literal(String domain) {
        Optional<InetAddress> address = AddressLiterals.parse(domain).filter(this::familyAllowed);
        if (address.isEmpty()) {
            return new MxRoute.NoMailHosts(); // a General-address-literal or a malformed one: nothing to connect to
        }
        if (localAddresses.contains(address.get())) {
            return new MxRoute.Loop();
        }
        return new MxRoute.Hosts(List.of(new MxHost(domain, 0, List.of(address.get()))));
    }

    /** RFC 5321 §5.1: no MX records, so the domain is its own exchange, preference 0. */
    private MxRoute implicitMx(String name) {
        if (localNames.contains(name)) {
            return new MxRoute.Loop(); // the only (implicit) record is this host: nothing is left
        }
        Addresses a = addresses(name);
        if (!a.list().isEmpty()) {
            if (a.list().stream().anyMatch(localAddresses::contains)) {
                return new MxRoute.Loop();
            }
            return new MxRoute.Hosts(List.of(new MxHost(name, 0, a.list())));
        }
        return a.failure() != null
                ? new MxRoute.TempFail("addresses of " + name + " (implicit MX): " + a.failure())
                : new MxRoute.NoMailHosts();
    }

    /** One exchange after its address lookups. */
    private record Resolved(MxRecord mx, List<InetAddress> addresses, String failure, boolean local) {
    }

    private MxRoute viaMx(List<MxRecord> records) {
        // RFC 7505 §3: "a single MX RR [...] with [...] preference number 0 and a zero-length label".
        if (records.size() == 1 && records.get(0).isNull()) {
            return new MxRoute.NullMx();
        }
        List<MxRecord> sorted = sortAndShuffle(records);
        // RFC 5321 §5.1: a record naming this host discards itself and every record of equal or higher value.
        int cutoff = Integer.MAX_VALUE;
        for (MxRecord r : sorted) {
            if (localNames.contains(r.exchange())) {
                cutoff = r.preference();
                break; // sorted: the first match has the lowest value
            }
        }
        List<Resolved> resolved = new ArrayList<>();
        for (MxRecord r : sorted) {
            if (r.preference() >= cutoff || resolved.size() == MAX_EXCHANGES) {
                break;
            }
            if (r.exchange().isEmpty() || AddressLiterals.looksLikeAddress(r.exchange())) {
                continue; // RFC 5321 §5.1: not a usable domain name; RFC 7505: "." beside other records
            }
            Addresses a = addresses(r.exchange());
            boolean local = a.list().stream().anyMatch(localAddresses::contains);
            resolved.add(new Resolved(r, a.list(), a.failure(), local));
        }
        for (Resolved r : resolved) {
            if (r.local()) {
                cutoff = Math.min(cutoff, r.mx().preference()); // known by one of our addresses
            }
        }
        int limit = cutoff;
        List<MxHost> hosts = new ArrayList<>();
        String failure = null;
        for (Resolved r : resolved) {
            if (r.mx().preference() >= limit) {
                continue;
            }
            if (!r.addresses().isEmpty()) {
                hosts.add(new MxHost(r.mx().exchange(), r.mx().preference(), r.addresses()));
            } else if (r.failure() != null && failure == null) {
                failure = r.mx().exchange() + ": " + r.failure();
            }
        }
        if (!hosts.isEmpty()) {
            return new MxRoute.Hosts(hosts);
        }
        if (failure != null) {
            return new MxRoute.TempFail("addresses of MX " + failure);
        }
        boolean anyLeft = sorted.stream().anyMatch(r -> r.preference() < limit);
        return anyLeft || limit == Integer.MAX_VALUE ? new MxRoute.NoMailHosts() : new MxRoute.Loop();
    }

    /** RFC 5321 §5.1: by preference, lowest first; equal preferences in random order. */
    private List<MxRecord> sortAndShuffle(List<MxRecord> records) {
        List<MxRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(MxRecord::preference));
        RandomGenerator rnd = random.get();
        int start = 0;
        while (start < sorted.size()) {
            int end = start;
            while (end < sorted.size() && sorted.get(end).preference() == sorted.get(start).preference()) {
                end++;
            }
            for (int i = end - 1; i > start; i--) { // Fisher–Yates over [start, end)
                int j = start + rnd.nextInt(i - start + 1);
                MxRecord t = sorted.get(i);
                sorted.set(i, sorted.get(j));
                sorted.set(j, t);
            }
            start = end;
        }
        return sorted;
    }

    /** The addresses of a host and the first temporary failure met while finding them. */
    private record Addresses(List<InetAddress> list, String failure) {
    }

    private Addresses addresses(String host) {
        List<InetAddress> list = new ArrayList<>();
        String failure = null;
        for (boolean v6 : order.families()) {
            DnsResult<InetAddress> r = v6 ? resolver.aaaa(host) : resolver.a(host);
            switch (r) {
                case DnsResult.Records<InetAddress> rec -> list.addAll(rec.records());
                case DnsResult.TempFail<InetAddress> t -> failure = failure == null ? t.reason() : failure;
                case DnsResult.NxDomain<InetAddress> n -> {
                    return new Addresses(list, failure); // the name does not exist: no other family either
                }
                case DnsResult.NoData<InetAddress> n -> { }
            }
        }
        return new Addresses(List.copyOf(list), failure);
    }

    private boolean familyAllowed(InetAddress a) {
        return order.families().contains(a instanceof Inet6Address);
    }
}
