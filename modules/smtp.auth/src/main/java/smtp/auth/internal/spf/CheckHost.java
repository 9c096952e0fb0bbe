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
import smtp.dns.Resolver;

/**
 * One evaluation of {@code check_host(<ip>, <domain>, <sender>)}, RFC 7208 §4: the record
 * lookup and selection, the directives in order, the modifiers, and the limits of the whole
 * check; each mechanism is evaluated by {@link MechanismEvaluator}. Not thread-safe: one
 * instance per check (it counts lookups).
 *
 * <h2>Standards</h2>
 * RFC 7208 §4.3 (initial processing), §4.4 (record lookup), §4.5 (selecting records), §4.6
 * (record evaluation), §4.6.4 (the DNS-querying term limit and the time limit), §4.7 (default
 * result), §6 (modifiers: redirect, exp), §7 (macros).
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
    private final MechanismEvaluator mechanisms;
    private int dnsTerms;

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
        long deadline = config.clock().millis() + config.timeLimit().toMillis();
        this.mechanisms = new MechanismEvaluator(dns, config, this.ip, deadline, this::checkHost);
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
        Optional<Eval.ExpSource> exp = record.explanation().map(spec -> new Eval.ExpSource(domain, spec));
        for (Directive d : record.directives()) {
            Mechanism mech = d.mechanism();
            if (mech.queriesDns() && ++dnsTerms > config.dnsTermLimit()) {
                // §4.6.4: "If this limit is exceeded, the implementation MUST return "permerror"."
                return Eval.of(SpfResult.PERMERROR, "more than " + config.dnsTermLimit() + " DNS-querying terms");
            }
            switch (mechanisms.evaluate(mech, ctx)) {
                case Match.Abort a -> {
                    return Eval.of(a.result(), a.reason());
                }
                case Match.NoMatch n -> {
                }
                case Match.Matched x -> {
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

    private MacroExpander.Context context(String domain) {
        return new MacroExpander.Context(sender, localPart, senderDomain, domain, ip, helo, config.receiver(),
                config.clock().millis() / 1000, () -> mechanisms.validatedName(domain));
    }

    private boolean expired() {
        return mechanisms.expired();
    }

    // ---- §6.2 explanation ------------------------------------------------------------------

    /**
     * §6.2: the explanation for a "fail": the TXT record named by exp=, macro-expanded; any
     * problem (bad expansion, DNS error, zero or several records, a syntax error, non-ASCII)
     * means "proceed as if no exp modifier was given", i.e. the default explanation.
     */
    private String explanation(Optional<Eval.ExpSource> exp, String topDomain) {
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
