package smtp.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.dns.internal.DnsjavaResolver;

/** {@link Resolvers#load}: a provided resolver, or the network resolver; never a guess between two. */
class ResolversTest {

    static final DnsConfig CONFIG = DnsConfig.servers(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353)));

    @TempDir
    Path dir;

    /** A class loader that sees the test classes plus a META-INF/services file listing {@code providers}. */
    URLClassLoader withProviders(String... providers) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Resolver.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ResolversTest.class.getClassLoader());
    }

    @Test
    void withoutAProviderTheNetworkResolverForTheConfigurationIsMade() throws IOException {
        try (URLClassLoader none = new URLClassLoader(new URL[0], ResolversTest.class.getClassLoader())) {
            Resolver r = Resolvers.load(CONFIG, none);
            assertInstanceOf(DnsjavaResolver.class, r);
            assertEquals(CONFIG.servers(), ((DnsjavaResolver) r).servers());
        }
        assertInstanceOf(DnsjavaResolver.class, Resolvers.load(CONFIG), "none on the test class path either");
    }

    @Test
    void theOneProvidedResolverIsUsed() throws IOException {
        try (URLClassLoader loader = withProviders(ProvidedResolver.class.getName())) {
            Resolver r = Resolvers.load(CONFIG, loader);
            assertInstanceOf(ProvidedResolver.class, r);
            assertEquals("192.0.2.77", r.a("provided.test").recordsOrEmpty().get(0).getHostAddress());
        }
    }

    @Test
    void severalProvidersAreRefusedByName() throws IOException {
        try (URLClassLoader loader = withProviders(ProvidedResolver.class.getName(), ProvidedResolver.Another.class.getName())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Resolvers.load(CONFIG, loader));
            assertTrue(e.getMessage().contains("smtp.dns.ProvidedResolver$Another"), e.getMessage());
        }
    }
}
