package smtp.auth.internal.spf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import smtp.auth.SpfConfig;
import smtp.auth.SpfResult;
import smtp.dns.DnsResult;
import smtp.dns.MxRecord;
import smtp.dns.Resolver;

/**
 * Evaluates the mechanisms of RFC 7208 §5 for one {@link CheckHost} run: whether each matches
 * the client address, with the per-mechanism limits of §4.6.4 (void lookups, 10 MX names,
 * 10 PTR names) and the validated names of §5.5 (for {@code ptr} and the {@code %{p}} macro).
 * Not thread-safe: one instance per check (it counts void lookups).
 *
 * <h2>Standards</h2>
 * RFC 7208 §5.1–§5.7 (all, include, a, mx, ptr, ip4/ip6, exists), §4.6.4 (void lookups, MX
 * and PTR name limits), §4.8 (the target-name), §5.5 (validated names).
 *
 * <h2>Diagnostics</h2>
 * DNS failures and limits end the check through {@link Match.Abort} (temperror or permerror);
 * nothing is thrown for any DNS answer.
 */
final class MechanismEvaluator {

    private final Resolver dns;
    private final SpfConfig config;
    private final byte[] ip;
    private final long deadline;
    private final Function<String, Eval> checkHost;
    private int voidLookups;
    private Optional<String> validatedName = Optional.empty();

    /**
     * @param ip        the client address in SPF form ({@link IpLiterals#spfBytes})
     * @param deadline  the clock's millis after which the check is out of time (§4.6.4)
     * @param checkHost the recursive {@code check_host()} for {@code include} (§5.2)
     */
    MechanismEvaluator(Resolver dns, SpfConfig config, byte[] ip, long deadline, Function<String, Eval> checkHost) {
        this.dns = dns;
        this.config = config;
        this.ip = ip;
        this.deadline = deadline;
        this.checkHost = checkHost;
    }

    /** Whether {@code mech} matches, §5, with the macros of its domain-spec expanded in {@code ctx}. */
    Match evaluate(Mechanism mech, MacroExpander.Context ctx) {
        return switch (mech) {
            case Mechanism.All a -> Match.MATCHED;
            case Mechanism.Ip4 i -> IpLiterals.inNetwork(ip, i.network(), i.cidr()) ? Match.MATCHED : Match.NO_MATCH;
            case Mechanism.Ip6 i -> IpLiterals.inNetwork(ip, i.network(), i.cidr()) ? Match.MATCHED : Match.NO_MATCH;
            case Mechanism.Include inc -> include(inc, ctx);
            case Mechanism.A a -> addressMechanism(target(a.domain(), ctx), a.ip4Cidr(), a.ip6Cidr());
            case Mechanism.Mx mx -> mx(target(mx.domain(), ctx), mx.ip4Cidr(), mx.ip6Cidr());
            case Mechanism.Ptr p -> ptr(target(p.domain(), ctx));
            case Mechanism.Exists e -> exists(target(Optional.of(e.domain()), ctx));
        };
    }

    /** True once the time limit of the whole check has passed (§4.6.4). */
    boolean expired() {
        return config.clock().millis() > deadline;
    }

    /** The target-name: the expanded domain-spec, or the current domain (§4.8). */
    private Optional<String> target(Optional<MacroString> spec, MacroExpander.Context ctx) {
        if (spec.isEmpty()) {
            return Optional.of(ctx.domain());
        }
        return DomainNames.queryName(MacroExpander.expand(spec.get(), ctx));
    }

    /** §5.2: the recursive result decides; none and permerror are permerror, temperror stays. */
    private Match include(Mechanism.Include inc, MacroExpander.Context ctx) {
        Optional<String> target = DomainNames.queryName(MacroExpander.expand(inc.domain(), ctx));
        Eval e = target.isEmpty() ? Eval.of(SpfResult.NONE, "invalid include target") : checkHost.apply(target.get());
        return switch (e.result()) {
            case PASS -> Match.MATCHED;
            case FAIL, SOFTFAIL, NEUTRAL -> Match.NO_MATCH;
            case TEMPERROR -> new Match.Abort(SpfResult.TEMPERROR, "include:" + inc.domain() + ": " + e.reason());
            case PERMERROR, NONE -> new Match.Abort(SpfResult.PERMERROR, "include:" + inc.domain() + ": " + e.reason());
        };
    }

    /** §5.3: any A (IPv4 client) or AAAA (IPv6 client) address of the target within the CIDR length. */
    private Match addressMechanism(Optional<String> target, int cidr4, int cidr6) {
        if (target.isEmpty()) {
            return Match.NO_MATCH; // an invalid name cannot be queried: treated as no match (suite: fail or permerror)
        }
        DnsResult<InetAddress> r = addresses(target.get());
        return switch (r) {
            case DnsResult.TempFail<InetAddress> t -> new Match.Abort(SpfResult.TEMPERROR, "DNS error for " + target.get() + ": " + t.reason());
            case DnsResult.NxDomain<InetAddress> n -> voidLookup(target.get());
            case DnsResult.NoData<InetAddress> n -> voidLookup(target.get());
            case DnsResult.Records<InetAddress> rec -> anyInNetwork(rec.records(), cidr4, cidr6) ? Match.MATCHED : Match.NO_MATCH;
        };
    }

    /** §5.4: the addresses of the target's MX hosts; more than 10 MX names is a permerror (§4.6.4). */
    private Match mx(Optional<String> target, int cidr4, int cidr6) {
        if (target.isEmpty()) {
            return Match.NO_MATCH;
        }
        if (expired()) {
            return new Match.Abort(SpfResult.TEMPERROR, "time limit exceeded");
        }
        DnsResult<MxRecord> r = dns.mx(target.get());
        List<MxRecord> mxs;
        switch (r) {
            case DnsResult.TempFail<MxRecord> t -> {
                return new Match.Abort(SpfResult.TEMPERROR, "DNS error for MX of " + target.get() + ": " + t.reason());
            }
            case DnsResult.NxDomain<MxRecord> n -> {
                return voidLookup(target.get());
            }
            case DnsResult.NoData<MxRecord> n -> {
                // §5.4: "check_host() MUST NOT pretend the target is its single MX"
                return voidLookup(target.get());
            }
            case DnsResult.Records<MxRecord> rec -> mxs = rec.records();
        }
        // §4.6.4: "the evaluation of each "MX" record MUST NOT result in querying more than 10
        // address records ... If this limit is exceeded, the "mx" mechanism MUST produce a "permerror""
        if (mxs.size() > 10) {
            return new Match.Abort(SpfResult.PERMERROR, target.get() + " has more than 10 MX records");
        }
        for (MxRecord mx : mxs) {
            Optional<String> host = DomainNames.queryName(mx.exchange());
            if (mx.isNull() || host.isEmpty()) {
                continue; // RFC 7505 null MX: no host to check
            }
            DnsResult<InetAddress> a = addresses(host.get());
            switch (a) {
                case DnsResult.TempFail<InetAddress> t -> {
                    return new Match.Abort(SpfResult.TEMPERROR, "DNS error for " + host.get() + ": " + t.reason());
                }
                case DnsResult.NxDomain<InetAddress> n -> {
                }
                case DnsResult.NoData<InetAddress> n -> {
                }
                case DnsResult.Records<InetAddress> rec -> {
                    if (anyInNetwork(rec.records(), cidr4, cidr6)) {
                        return Match.MATCHED;
                    }
                }
            }
        }
        return Match.NO_MATCH;
    }

    /** §5.5: a validated reverse name equal to or under the target. */
    private Match ptr(Optional<String> target) {
        if (target.isEmpty()) {
            return Match.NO_MATCH;
        }
        if (expired()) {
            return new Match.Abort(SpfResult.TEMPERROR, "time limit exceeded");
        }
        DnsResult<String> r = dns.ptr(IpLiterals.address(ip));
        if (r.isEmpty()) {
            return voidLookup("PTR of " + IpLiterals.text(ip));
        }
        if (r instanceof DnsResult.TempFail<String>) {
            return Match.NO_MATCH; // §5.5: "If a DNS error occurs while doing the PTR RR lookup, then this mechanism fails to match."
        }
        for (String name : validatedNames(((DnsResult.Records<String>) r).records())) {
            if (DomainNames.isSameOrSubdomain(name, target.get())) {
                return Match.MATCHED;
            }
        }
        return Match.NO_MATCH;
    }

    /** §5.7: the target has an A record (always A, whatever the client's address family). */
    private Match exists(Optional<String> target) {
        if (target.isEmpty()) {
            return Match.NO_MATCH;
        }
        if (expired()) {
            return new Match.Abort(SpfResult.TEMPERROR, "time limit exceeded");
        }
        return switch (dns.a(target.get())) {
            case DnsResult.TempFail<InetAddress> t -> new Match.Abort(SpfResult.TEMPERROR, "DNS error for " + target.get() + ": " + t.reason());
            case DnsResult.NxDomain<InetAddress> n -> voidLookup(target.get());
            case DnsResult.NoData<InetAddress> n -> voidLookup(target.get());
            case DnsResult.Records<InetAddress> rec -> Match.MATCHED;
        };
    }

    /** §4.6.4: more than the configured number of void lookups (default 2) is a permerror. */
    private Match voidLookup(String what) {
        if (++voidLookups > config.voidLookupLimit()) {
            return new Match.Abort(SpfResult.PERMERROR, "more than " + config.voidLookupLimit() + " void lookups (last: " + what + ")");
        }
        return Match.NO_MATCH;
    }

    private DnsResult<InetAddress> addresses(String name) {
        if (expired()) {
            return new DnsResult.TempFail<>("time limit exceeded");
        }
        return ip.length == 4 ? dns.a(name) : dns.aaaa(name);
    }

    private boolean anyInNetwork(List<InetAddress> addresses, int cidr4, int cidr6) {
        int cidr = ip.length == 4 ? cidr4 : cidr6;
        for (InetAddress a : addresses) {
            if (IpLiterals.inNetwork(ip, a.getAddress(), cidr)) {
                return true;
            }
        }
        return false;
    }

    /**
     * §5.5 steps: of the first 10 PTR names (§4.6.4: "all records other than the first 10 MUST be
     * ignored"), those whose A/AAAA addresses include the client; a DNS error skips the name.
     */
    private List<String> validatedNames(List<String> ptrNames) {
        List<String> valid = new ArrayList<>();
        for (String name : ptrNames.subList(0, Math.min(10, ptrNames.size()))) {
            Optional<String> q = DomainNames.queryName(name);
            if (q.isEmpty()) {
                continue;
            }
            if (addresses(q.get()) instanceof DnsResult.Records<InetAddress> rec) {
                for (InetAddress a : rec.records()) {
                    if (Arrays.equals(IpLiterals.spfBytes(a), ip)) {
                        valid.add(DomainNames.stripDot(name));
                        break;
                    }
                }
            }
        }
        return valid;
    }

    /**
     * The {@code %{p}} value, §7.3: a validated name, preferring {@code <domain>} itself, then a
     * sub-domain of it, then any; "unknown" when there is none or DNS fails. Looked up once per check.
     */
    String validatedName(String domain) {
        if (validatedName.isPresent()) {
            return validatedName.get();
        }
        List<String> names = List.of();
        if (!expired() && dns.ptr(IpLiterals.address(ip)) instanceof DnsResult.Records<String> r) {
            names = validatedNames(r.records());
        }
        String pick = "unknown";
        for (String n : names) {
            if (n.equalsIgnoreCase(domain)) {
                pick = n;
                break;
            }
        }
        if (pick.equals("unknown")) {
            pick = names.stream().filter(n -> DomainNames.isSameOrSubdomain(n, domain)).findFirst()
                    .orElse(names.isEmpty() ? "unknown" : names.get(0));
        }
        validatedName = Optional.of(pick);
        return pick;
    }
}
