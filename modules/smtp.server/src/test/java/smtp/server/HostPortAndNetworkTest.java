package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** host:port and CIDR parsing: examples and laws. */
class HostPortAndNetworkTest {

    @Test
    void hostPortExamples() {
        assertEquals(Optional.of(new HostPort("127.0.0.1", 2525)), HostPort.parse("127.0.0.1:2525"));
        assertEquals(Optional.of(new HostPort("::1", 465)), HostPort.parse("[::1]:465"));
        assertEquals(Optional.of(new HostPort("mx.example.org", 0)), HostPort.parse(" mx.example.org:0 "));
        for (String bad : new String[] {"", "host", ":25", "host:", "host:65536", "::1:25", "[::1]25", "h:2x", "a b:25"}) {
            assertEquals(Optional.empty(), HostPort.parse(bad), bad);
        }
    }

    @Test
    void hostPortParseOfFormatIsIdentity() {
        qt().forAll(integers().between(0, 65535), integers().between(0, 255)).checkAssert((port, octet) -> {
            HostPort v4 = new HostPort("192.0.2." + octet, port);
            HostPort v6 = new HostPort("2001:db8::" + Integer.toHexString(octet), port);
            assertEquals(Optional.of(v4), HostPort.parse(v4.toString()));
            assertEquals(Optional.of(v6), HostPort.parse(v6.toString()));
        });
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> HostPort.parse(s));
    }

    @Test
    void networksMatchTheirAddressesOnly() throws Exception {
        Network n = Network.parse("192.0.2.0/24").orElseThrow();
        assertTrue(n.contains(InetAddress.getByName("192.0.2.77")));
        assertFalse(n.contains(InetAddress.getByName("192.0.3.1")));
        assertTrue(n.contains(InetAddress.getByName("::ffff:192.0.2.5")), "IPv4-mapped IPv6");
        Network v6 = Network.parse("2001:db8::/32").orElseThrow();
        assertTrue(v6.contains(InetAddress.getByName("2001:db8:1::1")));
        assertFalse(v6.contains(InetAddress.getByName("192.0.2.1")));
        assertTrue(Network.parse("10.1.2.3").orElseThrow().contains(InetAddress.getByName("10.1.2.3")));
        assertTrue(Network.parse("0.0.0.0/0").orElseThrow().contains(InetAddress.getByName("203.0.113.9")));
        for (String bad : new String[] {"", "10.0.0.0/33", "localhost", "10.0.0/8", "300.1.1.1", "1.2.3.4/", "::1/129", "x/8"}) {
            assertEquals(Optional.empty(), Network.parse(bad), bad);
        }
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> Network.parse(s));
    }
}
