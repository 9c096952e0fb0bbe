package smtp.dns.internal;

import java.util.Set;
import smtp.dns.MxRoute;
import smtp.dns.Resolver;

/** TODO(issue 4): placeholder; replaced before this change is merged. */
public final class MxRouting {
    public MxRouting(Resolver resolver, Set<String> localNames) {
    }

    public MxRoute route(String domain) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
