package smtp.dns.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import smtp.dns.DnsResult;
import smtp.dns.Resolver;

/**
 * Forward-confirmed reverse DNS: the PTR names of an address whose own A (or AAAA) records lead
 * back to that address.
 *
 * <h2>Standards</h2>
 * RFC 7208 §5.5 (the validation procedure of the {@code ptr} mechanism and of the {@code %{p}}
 * macro: at most 10 PTR names are checked, "If a DNS error occurs while doing an A RR lookup,
 * then that domain name is skipped and the search continues"), RFC 8601 §2.7.3 and RFC 5321
 * §4.4 (the {@code Received:} header's TCP-info names the client as DNS knows it).
 *
 * <h2>Diagnostics</h2>
 * The PTR lookup's own NXDOMAIN, NODATA and temporary failure are returned as they are. When
 * PTR names exist but none confirms: {@link DnsResult.TempFail} if a forward lookup failed
 * temporarily (the answer is unknown, callers following RFC 7208 §5.5 treat it as "no match"),
 * else {@link DnsResult.NoData}, authenticated only when the PTR answer and every forward answer
 * checked carried the AD bit.
 */
public final class ForwardConfirmation {

    /** RFC 7208 §4.6.4: "if more than 10 names are returned, [...] only the first 10" are used. */
    public static final int MAX_NAMES = 10;

    private ForwardConfirmation() {
    }

    /** The confirmed names, in PTR answer order. */
    public static DnsResult<String> confirm(Resolver resolver, InetAddress address) {
        return switch (resolver.ptr(address)) {
            case DnsResult.Records<String> ptrs -> confirm(resolver, address, ptrs);
            case DnsResult.NxDomain<String> n -> n;
            case DnsResult.NoData<String> n -> n;
            case DnsResult.TempFail<String> t -> t;
        };
    }

    private static DnsResult<String> confirm(Resolver resolver, InetAddress address, DnsResult.Records<String> ptrs) {
        List<String> confirmed = new ArrayList<>();
        boolean authenticated = ptrs.authenticated();
        boolean denialAuthenticated = ptrs.authenticated(); // every forward answer that did not confirm had AD
        String failure = null;
        List<String> names = ptrs.records();
        for (String name : names.subList(0, Math.min(MAX_NAMES, names.size()))) {
            DnsResult<InetAddress> forward = address instanceof Inet4Address ? resolver.a(name) : resolver.aaaa(name);
            switch (forward) {
                case DnsResult.Records<InetAddress> r -> {
                    if (r.records().contains(address)) {
                        confirmed.add(name);
                        authenticated &= r.authenticated();
                    } else {
                        denialAuthenticated &= r.authenticated();
                    }
                }
                case DnsResult.TempFail<InetAddress> t -> failure = name + ": " + t.reason();
                case DnsResult.NxDomain<InetAddress> n -> denialAuthenticated &= n.authenticated();
                case DnsResult.NoData<InetAddress> n -> denialAuthenticated &= n.authenticated();
            }
        }
        if (!confirmed.isEmpty()) {
            return new DnsResult.Records<>(confirmed, authenticated);
        }
        return failure != null ? new DnsResult.TempFail<>("forward lookup failed: " + failure)
                : new DnsResult.NoData<>(denialAuthenticated);
    }
}
