package smtp.auth.internal.spf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import smtp.auth.SpfConfig;
import smtp.auth.SpfIdentity;
import smtp.auth.SpfOutcome;
import smtp.auth.SpfResult;
import smtp.dns.DnsResult;
import smtp.dns.MxRecord;
import smtp.dns.Resolver;

/**
 * One evaluation of {@code check_host(<ip>, <domain>, <sender>)}, RFC 7208 §4, with its
 * processing limits. Not thread-safe: one instance per check (it counts lookups).
 *
 * <h2>Standards</h2>
 * RFC 7208 §4.3 (initial processing), §4.4 (record lookup), §4.5 (selecting records), §4.6
 * (record evaluation), §4.6.4 (DNS lookup limits), §4.7 (default result), §5 (mechanisms),
 * §6 (modifiers), §7 (macros).
 *
 * <h2>Diagnostics</h2>
 * Every problem is a result (temperror for DNS failures and the time limit, permerror for
 * syntax and limits); nothing is thrown for any record or DNS answer.
 */
public final class CheckHost {

    private final Resolver dns;
    private final SpfConfig config;
    private final byte[] ip;
    private final String helo;
    private final String sender;
    private final String localPart;
    private final String senderDomain;
    private final long deadline;
    private int dnsTerms;
    private int voidLookups;
    private Optional<String> validatedName = Optional.empty();

    private CheckHost(Resolver dns, SpfConfig config, InetAddress ip, String sender, String helo) {
        this.dns = dns;
        this.config = config;
        this.ip = IpLiterals.spfBytes(ip);
        this.helo = helo;
        int at = sender.lastIndexOf('@');
        String local = at < 0 ? "" : sender.substring(0, at);
        // RFC 7208 §4.3: "If the <sender> has no local-part, substitute the string "postmaster""
        this.localPart = local.isEmpty() ? "postmaster" : local;
        this.senderDomain = at < 0 ? sender : sender.substring(at + 1);
        this.sender = localPart + "@" + senderDomain;
        this.deadline = config.clock().millis() + config.timeLimit().toMillis();
    }

    /**
     * Runs check_host() for {@code domain}; {@code sender} is "local@domain" (or "@domain" or a
     * bare domain), {@code helo} the HELO/EHLO argument as the client gave it.
     */
    public static SpfOutcome run(Resolver dns, SpfConfig config, SpfIdentity identity, InetAddress ip,
                                 String domain, String sender, String helo) {
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(config, "config");
        CheckHost ch = new CheckHost(dns, config, ip, sender, helo);
        Eval e = ch.checkHost(domain);
        if (ch.expired()) {
            // §4.6.4: "If such a limit is exceeded, the result of authorization SHOULD be "temperror"."
            e = Eval.of(SpfResult.TEMPERROR, "time limit of " + config.timeLimit().toSeconds() + " s exceeded");
        }
        Optional<String> explanation = Optional.empty();
        if (e.result() == SpfResult.FAIL) {
            explanation = Optional.of(ch.explanation(e.exp(), domain));
        }
        return new SpfOutcome(e.result(), identity, DomainNames.stripDot(domain), ch.sender, explanation,
                e.mechanism(), e.reason());
    }

    /** The result of one check_host() level: its result, why, and the exp= in force for a "fail". */
    private record Eval(SpfResult result, String reason, Optional<String> mechanism, Optional<ExpSource> exp) {
        static Eval of(SpfResult r, String reason) {
            return new Eval(r, reason, Optional.empty(), Optional.empty());
        }
    }

    /** An exp= modifier and the {@code <domain>} of the record that holds it. */
    private record ExpSource(String domain, MacroString spec) {
    }

    /** What evaluating one mechanism gave. */
    private sealed interface Match {
    }

    private record Matched() implements Match {
    }

    private record NoMatch() implements Match {
    }

    /** The check ends with this result (temperror or permerror) at once. */
    private record Abort(SpfResult result, String reason) implements Match {
    }

    private static final Match MATCHED = new Matched();
    private static final Match NO_MATCH = new NoMatch();

    // ---- §4.3 - §4.7 ---------------------------------------------------------------------

    private Eval checkHost(String rawDomain) {
        // §4.3: a malformed or non-multi-label <domain> gives "none" at once
        Optional<String> valid = DomainNames.checkHostDomain(rawDomain);
        if (valid.isEmpty()) {
            return Eval.of(SpfResult.NONE, "\"" + rawDomain + "\" is not a valid multi-label domain name");
        }
        String domain = valid.get();
        if (expired()) {
            return Eval.of(SpfResult.TEMPERROR, "time limit exceeded");
        }
        // §4.4: the record is in a TXT RR at <domain>
        DnsResult<String> txt = dns.txt(domain);
        List<String> records;
        switch (txt) {
            case DnsResult.TempFail<String> t -> {
                return Eval.of(SpfResult.TEMPERROR, "DNS error looking up TXT of " + domain + ": " + t.reason());
            }
            case DnsResult.NxDomain<String> n -> {
                return Eval.of(SpfResult.NONE, domain + " does not exist");
            }
            case DnsResult.NoData<String> n -> {
                return Eval.of(SpfResult.NONE, domain + " has no TXT records");
            }
            case DnsResult.Records<String> r -> records = r.records();
        }
        // §4.5: discard records that do not begin with "v=spf1"; none -> "none"; several -> "permerror"
        List<String> spf = new ArrayList<>(1);
        for (String s : records) {
            if (SpfRecordParser.isSpfRecord(s)) {
                spf.add(s);
            }
        }
        if (spf.isEmpty()) {
            return Eval.of(SpfResult.NONE, domain + " publishes no SPF record");
        }
        if (spf.size() > 1) {
            return Eval.of(SpfResult.PERMERROR, domain + " publishes " + spf.size() + " SPF records");
        }
        SpfRecord record;
        switch (SpfRecordParser.parse(spf.get(0))) {
            case Parsed.Malformed<SpfRecord> m -> {
                return Eval.of(SpfResult.PERMERROR, "SPF record of " + domain + ": " + m.reason());
            }
            case Parsed.Ok<SpfRecord> ok -> record = ok.value();
        }
        return evaluate(record, domain);
    }

    /** §4.6.2: directives left to right; the first match decides; then redirect=, then neutral. */
    private Eval evaluate(SpfRecord record, String domain) {
        MacroExpander.Context ctx = context(domain);
        Optional<ExpSource> exp = record.explanation().map(spec -> new ExpSource(domain, spec));
        for (Directive d : record.directives()) {
            Mechanism mech = d.mechanism();
            if (mech.queriesDns() && ++dnsTerms > config.dnsTermLimit()) {
                // §4.6.4: "If this limit is exceeded, the implementation MUST return "permerror"."
                return Eval.of(SpfResult.PERMERROR, "more than " + config.dnsTermLimit() + " DNS-querying terms");
            }
            Match m = mechanism(mech, ctx);
            switch (m) {
                case Abort a -> {
                    return Eval.of(a.result(), a.reason());
                }
                case NoMatch n -> {
                }
                case Matched x -> {
                    SpfResult r = d.qualifier().result();
                    return new Eval(r, domain + ": " + d + " matched", Optional.of(d.toString()), exp);
                }
            }
        }
        if (record.redirect().isPresent()) {
            // §6.1: redirect= applies only when no mechanism matched; it counts as a DNS-querying term
            if (++dnsTerms > config.dnsTermLimit()) {
                return Eval.of(SpfResult.PERMERROR, "more than " + config.dnsTermLimit() + " DNS-querying terms");
            }
            String target = MacroExpander.expand(record.redirect().get(), ctx);
            Optional<String> name = DomainNames.queryName(target);
            Eval e = name.isEmpty() ? Eval.of(SpfResult.NONE, "invalid redirect target") : checkHost(name.get());
            // §6.1: "if no SPF record is found, or if the <target-name> is malformed, the result is a
            // "permerror" rather than "none"." The redirected record's own exp= applies (§6.2).
            if (e.result() == SpfResult.NONE) {
                return Eval.of(SpfResult.PERMERROR, "redirect=" + target + ": " + e.reason());
            }
            return e;
        }
        // §4.7: "If none of the mechanisms match and there is no "redirect" modifier, then the
        // check_host() returns a result of "neutral", just as if "?all" were specified"
        return Eval.of(SpfResult.NEUTRAL, domain + ": no mechanism matched");
    }

    // ---- §5 mechanisms -------------------------------------------------------------------

    private Match mechanism(Mechanism mech, MacroExpander.Context ctx) {
        return switch (mech) {
            case Mechanism.All a -> MATCHED;
            case Mechanism.Ip4 i -> IpLiterals.inNetwork(ip, i.network(), i.cidr()) ? MATCHED : NO_MATCH;
            case Mechanism.Ip6 i -> IpLiterals.inNetwork(ip, i.network(), i.cidr()) ? MATCHED : NO_MATCH;
            case Mechanism.Include inc -> include(inc, ctx);
            case Mechanism.A a -> addressMechanism(target(a.domain(), ctx), a.ip4Cidr(), a.ip6Cidr());
            case Mechanism.Mx mx -> mx(target(mx.domain(), ctx), mx.ip4Cidr(), mx.ip6Cidr());
            case Mechanism.Ptr p -> ptr(target(p.domain(), ctx));
            case Mechanism.Exists e -> exists(target(Optional.of(e.domain()), ctx));
        };
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
        Eval e = target.isEmpty() ? Eval.of(SpfResult.NONE, "invalid include target") : checkHost(target.get());
        return switch (e.result()) {
            case PASS -> MATCHED;
            case FAIL, SOFTFAIL, NEUTRAL -> NO_MATCH;
            case TEMPERROR -> new Abort(SpfResult.TEMPERROR, "include:" + inc.domain() + ": " + e.reason());
            case PERMERROR, NONE -> new Abort(SpfResult.PERMERROR, "include:" + inc.domain() + ": " + e.reason());
        };
    }

    /** §5.3: any A (IPv4 client) or AAAA (IPv6 client) address of the target within the CIDR length. */
    private Match addressMechanism(Optional<String> target, int cidr4, int cidr6) {
        if (target.isEmpty()) {
            return NO_MATCH; // an invalid name cannot be queried: treated as no match (suite: fail or permerror)
        }
        DnsResult<InetAddress> r = addresses(target.get());
        return switch (r) {
            case DnsResult.TempFail<InetAddress> t -> new Abort(SpfResult.TEMPERROR, "DNS error for " + target.get() + ": " + t.reason());
            case DnsResult.NxDomain<InetAddress> n -> voidLookup(target.get());
            case DnsResult.NoData<InetAddress> n -> voidLookup(target.get());
            case DnsResult.Records<InetAddress> rec -> anyInNetwork(rec.records(), cidr4, cidr6) ? MATCHED : NO_MATCH;
        };
    }

    /** §5.4: the addresses of the target's MX hosts; more than 10 MX names is a permerror (§4.6.4). */
    private Match mx(Optional<String> target, int cidr4, int cidr6) {
        if (target.isEmpty()) {
            return NO_MATCH;
        }
        if (expired()) {
            return new Abort(SpfResult.TEMPERROR, "time limit exceeded");
        }
        DnsResult<MxRecord> r = dns.mx(target.get());
        List<MxRecord> mxs;
        switch (r) {
            case DnsResult.TempFail<MxRecord> t -> {
                return new Abort(SpfResult.TEMPERROR, "DNS error for MX of " + target.get() + ": " + t.reason());
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
            return new Abort(SpfResult.PERMERROR, target.get() + " has more than 10 MX records");
        }
        for (MxRecord mx : mxs) {
            Optional<String> host = DomainNames.queryName(mx.exchange());
            if (mx.isNull() || host.isEmpty()) {
                continue; // RFC 7505 null MX: no host to check
            }
            DnsResult<InetAddress> a = addresses(host.get());
            switch (a) {
                case DnsResult.TempFail<InetAddress> t -> {
                    return new Abort(SpfResult.TEMPERROR, "DNS error for " + host.get() + ": " + t.reason());
                }
                case DnsResult.NxDomain<InetAddress> n -> {
                }
                case DnsResult.NoData<InetAddress> n -> {
                }
                case DnsResult.Records<InetAddress> rec -> {
                    if (anyInNetwork(rec.records(), cidr4, cidr6)) {
                        return MATCHED;
                    }
                }
            }
        }
        return NO_MATCH;
    }

    /** §5.5: a validated reverse name equal to or under the target. */
    private Match ptr(Optional<String> target) {
        if (target.isEmpty()) {
            return NO_MATCH;
        }
        if (expired()) {
            return new Abort(SpfResult.TEMPERROR, "time limit exceeded");
        }
        DnsResult<String> r = dns.ptr(IpLiterals.address(ip));
        if (r.isEmpty()) {
            return voidLookup("PTR of " + IpLiterals.text(ip));
        }
        if (r instanceof DnsResult.TempFail<String>) {
            return NO_MATCH; // §5.5: "If a DNS error occurs while doing the PTR RR lookup, then this mechanism fails to match."
        }
        for (String name : validatedNames(((DnsResult.Records<String>) r).records())) {
            if (DomainNames.isSameOrSubdomain(name, target.get())) {
                return MATCHED;
            }
        }
        return NO_MATCH;
    }

    /** §5.7: the target has an A record (always A, whatever the client's address family). */
    private Match exists(Optional<String> target) {
        if (target.isEmpty()) {
            return NO_MATCH;
        }
        if (expired()) {
            return new Abort(SpfResult.TEMPERROR, "time limit exceeded");
        }
        return switch (dns.a(target.get())) {
            case DnsResult.TempFail<InetAddress> t -> new Abort(SpfResult.TEMPERROR, "DNS error for " + target.get() + ": " + t.reason());
            case DnsResult.NxDomain<InetAddress> n -> voidLookup(target.get());
            case DnsResult.NoData<InetAddress> n -> voidLookup(target.get());
            case DnsResult.Records<InetAddress> rec -> MATCHED;
        };
    }

    /** §4.6.4: more than the configured number of void lookups (default 2) is a permerror. */
    private Match voidLookup(String what) {
        if (++voidLookups > config.voidLookupLimit()) {
            return new Abort(SpfResult.PERMERROR, "more than " + config.voidLookupLimit() + " void lookups (last: " + what + ")");
        }
        return NO_MATCH;
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
                    if (java.util.Arrays.equals(IpLiterals.spfBytes(a), ip)) {
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
     * sub-domain of it, then any; "unknown" when there is none or DNS fails.
     */
    private String validatedName(String domain) {
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

    private MacroExpander.Context context(String domain) {
        return new MacroExpander.Context(sender, localPart, senderDomain, domain, ip, helo, config.receiver(),
                config.clock().millis() / 1000, () -> validatedName(domain));
    }

    private boolean expired() {
        return config.clock().millis() > deadline;
    }

    // ---- §6.2 explanation ------------------------------------------------------------------

    /**
     * §6.2: the explanation for a "fail": the TXT record named by exp=, macro-expanded; any
     * problem (bad expansion, DNS error, zero or several records, a syntax error, non-ASCII)
     * means "proceed as if no exp modifier was given", i.e. the default explanation.
     */
    private String explanation(Optional<ExpSource> exp, String topDomain) {
        if (exp.isPresent()) {
            MacroExpander.Context ctx = context(exp.get().domain());
            Optional<String> name = DomainNames.queryName(MacroExpander.expand(exp.get().spec(), ctx));
            // the exp= lookup is not a mechanism: it counts against no limit (suite: exp-void)
            if (name.isPresent() && !expired() && dns.txt(name.get()) instanceof DnsResult.Records<String> r
                    && r.records().size() == 1
                    && MacroSyntax.parse(r.records().get(0), MacroSyntax.Use.EXPLAIN_STRING) instanceof Parsed.Ok<MacroString> ok) {
                return MacroExpander.expand(ok.value(), ctx);
            }
        }
        Optional<String> d = DomainNames.checkHostDomain(topDomain);
        MacroExpander.Context ctx = context(d.orElse(topDomain));
        return switch (MacroSyntax.parse(config.defaultExplanation(), MacroSyntax.Use.EXPLAIN_STRING)) {
            case Parsed.Ok<MacroString> ok -> MacroExpander.expand(ok.value(), ctx);
            case Parsed.Malformed<MacroString> m -> config.defaultExplanation();
        };
    }
}
