package smtp.auth;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import smtp.dns.DnsResult;
import smtp.dns.MxRecord;
import smtp.dns.Resolver;

/**
 * An in-memory {@link Resolver} for tests: named entries in order, CNAMEs followed, and the
 * OpenSPF suite's TIMEOUT marker (a query whose type has no entry before the marker times out,
 * as the suite's reference driver does).
 */
final class ZoneResolver implements Resolver {

    /** One entry of a name: a type ("TXT", "A", "AAAA", "MX", "PTR", "CNAME", or "TIMEOUT") and its value. */
    record Entry(String type, Object value) {
    }

    private final Map<String, List<Entry>> zone = new HashMap<>();
    private final AtomicLong queries = new AtomicLong();

    ZoneResolver add(String name, String type, Object value) {
        zone.computeIfAbsent(key(name), k -> new ArrayList<>()).add(new Entry(type, value));
        return this;
    }

    ZoneResolver txt(String name, String value) {
        return add(name, "TXT", value);
    }

    ZoneResolver a(String name, String address) {
        return add(name, "A", address);
    }

    ZoneResolver aaaa(String name, String address) {
        return add(name, "AAAA", address);
    }

    ZoneResolver mx(String name, int pref, String host) {
        return add(name, "MX", new MxRecord(pref, stripDot(host)));
    }

    ZoneResolver ptr(String name, String target) {
        return add(name, "PTR", target);
    }

    ZoneResolver cname(String name, String target) {
        return add(name, "CNAME", target);
    }

    ZoneResolver timeout(String name) {
        return add(name, "TIMEOUT", "");
    }

    private static String key(String name) {
        return stripDot(name).toLowerCase(Locale.ROOT);
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @SuppressWarnings("unchecked")
    private <T> DnsResult<T> lookup(String name, String type) {
        queries.incrementAndGet();
        String n = key(name);
        for (int hop = 0; hop < 8; hop++) {
            List<Entry> entries = zone.get(n);
            if (entries == null) {
                return new DnsResult.NxDomain<>(false);
            }
            List<T> out = new ArrayList<>();
            String cname = null;
            for (Entry e : entries) {
                if (e.type().equals("TIMEOUT")) {
                    if (out.isEmpty() && cname == null) {
                        return new DnsResult.TempFail<>("timeout (test zone)");
                    }
                    break;
                }
                if (e.type().equals("CNAME")) {
                    cname = (String) e.value();
                } else if (e.type().equals(type)) {
                    out.add((T) convert(type, e.value()));
                }
            }
            if (!out.isEmpty()) {
                return new DnsResult.Records<>(out, false);
            }
            if (cname == null) {
                return new DnsResult.NoData<>(false);
            }
            n = key(cname);
        }
        return new DnsResult.TempFail<>("CNAME chain too long or looping");
    }

    private static Object convert(String type, Object v) {
        if (type.equals("A") || type.equals("AAAA")) {
            try {
                return InetAddress.getByName((String) v); // literals only: no DNS
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        if (type.equals("PTR")) {
            return stripDot((String) v);
        }
        return v;
    }

    @Override
    public DnsResult<MxRecord> mx(String domain) {
        return lookup(domain, "MX");
    }

    @Override
    public DnsResult<String> txt(String domain) {
        return lookup(domain, "TXT");
    }

    @Override
    public DnsResult<InetAddress> a(String domain) {
        return lookup(domain, "A");
    }

    @Override
    public DnsResult<InetAddress> aaaa(String domain) {
        return lookup(domain, "AAAA");
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return lookup(reverseName(address), "PTR");
    }

    /** RFC 1035 §3.5 in-addr.arpa and RFC 3596 §2.5 ip6.arpa names. */
    static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = 15; i >= 0; i--) {
            sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }

    @Override
    public long queryCount() {
        return queries.get();
    }
}
