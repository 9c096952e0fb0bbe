package smtp.dns;

import java.net.InetAddress;

/** A {@link Resolver} that answers every question from another one (the test providers' base). */
abstract class DelegatingResolver implements Resolver {

    private final Resolver zone;

    DelegatingResolver(Resolver zone) {
        this.zone = zone;
    }

    @Override
    public DnsResult<MxRecord> mx(String domain) {
        return zone.mx(domain);
    }

    @Override
    public DnsResult<String> txt(String domain) {
        return zone.txt(domain);
    }

    @Override
    public DnsResult<InetAddress> a(String domain) {
        return zone.a(domain);
    }

    @Override
    public DnsResult<InetAddress> aaaa(String domain) {
        return zone.aaaa(domain);
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return zone.ptr(address);
    }

    @Override
    public long queryCount() {
        return zone.queryCount();
    }
}
