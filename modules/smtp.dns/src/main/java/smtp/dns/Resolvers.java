package smtp.dns;

/** Factories for {@link Resolver}s. */
public final class Resolvers {

    private Resolvers() {
    }

    /** A network resolver on dnsjava with a TTL-honouring, bounded cache. */
    public static Resolver create(DnsConfig config) {
        return smtp.dns.internal.DnsjavaResolver.create(config);
    }
}
