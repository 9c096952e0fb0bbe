package smtp.dns.internal;

import smtp.dns.DnsConfig;
import smtp.dns.Resolver;

/** TODO(issue 4): placeholder; replaced before this change is merged. */
public final class DnsjavaResolver {
    private DnsjavaResolver() {
    }

    public static Resolver create(DnsConfig config) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
