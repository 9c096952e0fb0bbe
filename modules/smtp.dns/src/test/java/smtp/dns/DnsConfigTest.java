package smtp.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import smtp.dns.internal.DnsNames;
import smtp.dns.internal.DnsjavaResolver;

class DnsConfigTest {

    @Test
    void parsesAddressesWithAndWithoutPorts() {
        assertEquals(List.of(server("192.0.2.53", 53), server("192.0.2.54", 5353), server("2001:db8::53", 53),
                        server("2001:db8::54", 5300), server("::1", 53)),
                DnsConfig.parseServers(" 192.0.2.53, 192.0.2.54:5353 2001:db8::53,[2001:db8::54]:5300 [::1]"));
        assertEquals(List.of(), DnsConfig.parseServers("  "));
    }

    @Test
    void refusesHostNamesAndBadPorts() {
        for (String bad : List.of("dns.example", "192.0.2.1:0", "192.0.2.1:65536", "192.0.2.1:+53", "[::1",
                "[::1]x", "192.0.2.1:", "300.1.1.1", "[::1]:99999", "192.0.2.1:٥٣")) {
            assertThrows(IllegalArgumentException.class, () -> DnsConfig.parseServers(bad), bad);
        }
    }

    @Test
    void withersChangeOneSetting() {
        DnsConfig c = DnsConfig.DEFAULT.withTimeout(Duration.ofSeconds(1)).withRetries(0).withCacheSize(5)
                .withServers(List.of(server("192.0.2.1", 53)));
        assertEquals(new DnsConfig(List.of(server("192.0.2.1", 53)), Duration.ofSeconds(1), 0, 5), c);
        assertThrows(IllegalArgumentException.class, () -> DnsConfig.DEFAULT.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> DnsConfig.DEFAULT.withRetries(-1));
    }

    @Test
    void theDefaultUsesTheSystemsServersWithoutAskingAnything() {
        DnsjavaResolver r = (DnsjavaResolver) Resolvers.create(DnsConfig.DEFAULT);
        assertFalse(r.servers().isEmpty());
        assertTrue(r.servers().stream().noneMatch(InetSocketAddress::isUnresolved));
        assertEquals(0, r.queryCount());
    }

    static InetSocketAddress server(String ip, int port) {
        return new InetSocketAddress(DnsNames.ip(ip).orElseThrow(), port);
    }
}
