package smtp.dns;

import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Factories for {@link Resolver}s: the built-in network resolver, or one provided as a service.
 *
 * <h2>Selection rule of {@link #load}</h2>
 * The {@link ServiceLoader} finds the providers of {@link Resolver} (on the module path a module
 * that declares {@code provides smtp.dns.Resolver with ...}; on the class path a
 * {@code META-INF/services/smtp.dns.Resolver} file). A provider needs a public no-argument
 * constructor or a public static {@code provider()} method, and reads its own configuration.
 * <ul>
 * <li>no provider: the network resolver of {@link #create(DnsConfig)} for the configuration given;</li>
 * <li>exactly one: that one (the configuration given is not used);</li>
 * <li>several: an {@link IllegalStateException} naming them. Two resolvers on the path are a
 * deployment mistake, and which one answers must not depend on the order of jars.</li>
 * </ul>
 *
 * <h2>Diagnostics</h2>
 * {@link IllegalStateException} for several providers; {@link java.util.ServiceConfigurationError}
 * when a provider cannot be instantiated.
 */
public final class Resolvers {

    private Resolvers() {
    }

    /** A network resolver on dnsjava with a TTL-honouring, bounded cache. */
    public static Resolver create(DnsConfig config) {
        return smtp.dns.internal.DnsjavaResolver.create(config);
    }

    /**
     * The resolver provided as a service, else the network resolver for {@code config} (see the
     * selection rule above); providers are looked up with the thread's context class loader.
     */
    public static Resolver load(DnsConfig config) {
        return load(config, ServiceLoader.load(Resolver.class));
    }

    /** As {@link #load(DnsConfig)}, with providers found through {@code loader}. */
    public static Resolver load(DnsConfig config, ClassLoader loader) {
        return load(config, ServiceLoader.load(Resolver.class, loader));
    }

    private static Resolver load(DnsConfig config, ServiceLoader<Resolver> services) {
        Objects.requireNonNull(config, "config");
        List<ServiceLoader.Provider<Resolver>> providers = services.stream().toList();
        if (providers.size() > 1) {
            throw new IllegalStateException("several smtp.dns.Resolver providers, keep one: "
                    + providers.stream().map(p -> p.type().getName()).toList());
        }
        return providers.isEmpty() ? create(config) : providers.get(0).get();
    }
}
