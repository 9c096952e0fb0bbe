package smtp.dns;

import java.net.InetAddress;

/**
 * A {@link Resolver} provided as a service, for {@link ResolversTest}: it answers from a small
 * in-memory zone ({@code provided.test A 192.0.2.77}). Listed in a {@code META-INF/services}
 * file that the test writes for its own class loader only, so that no other test (nor another
 * module's tests, through the test-jar) finds it.
 */
public final class ProvidedResolver implements Resolver {

    private final Resolver zone = InMemoryResolver.builder().a("provided.test", "192.0.2.77").build();

    /** Called by the {@link java.util.ServiceLoader}. */
    public ProvidedResolver() {
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

    /** A second provider, to show that two are refused. */
    public static final class Another implements Resolver {

        private final Resolver zone = InMemoryResolver.builder().build();

        /** Called by the {@link java.util.ServiceLoader}. */
        public Another() {
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
}
