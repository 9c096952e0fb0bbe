package smtp.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.queue.DeliveryConfig;
import smtp.queue.RelayHost;
import smtp.server.ServerSettings;
import smtp.server.Settings;
import smtp.server.SettingsResult;
import smtp.session.TlsPolicy;

/** The server's delivery keys mapped onto the queue's SMTP transport. */
class ServerAssemblyTest {

    private static ServerSettings settings(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return switch (Settings.parse(p, "test")) {
            case SettingsResult.Valid v -> v.settings();
            case SettingsResult.Invalid i -> throw new AssertionError(i.problems().toString());
        };
    }

    @Test
    void withoutARelayHostMailGoesToTheMxHostsOnDeliveryPort() {
        DeliveryConfig d = ServerAssembly.delivery(settings("server.hostname", "mx.example.org", "delivery.port", "2526"));
        assertEquals("mx.example.org", d.heloName().toString());
        assertEquals(2526, d.port());
        assertEquals(Optional.empty(), d.relay());
        assertEquals(TlsPolicy.OPPORTUNISTIC, d.tls());
    }

    @Test
    @Tag("4954-4-relayhost-server")
    void relayHostWithCredentialsBecomesTheQueuesSmartHost() {
        DeliveryConfig d = ServerAssembly.delivery(settings("relay.host", "smarthost.example.net:587",
                "relay.username", "u", "relay.password", "p"));
        RelayHost r = d.relay().orElseThrow();
        assertEquals("smarthost.example.net", r.host());
        assertEquals(587, r.port());
        assertEquals("u", r.credentials().orElseThrow().username());
        assertEquals("p", r.credentials().orElseThrow().password());
        // AUTH only after STARTTLS (RFC 4954 §4): credentials never allow cleartext.
        assertTrue(!r.credentials().orElseThrow().cleartext());
        assertEquals(Optional.empty(), ServerAssembly.delivery(settings("relay.host", "[::1]:25")).relay().orElseThrow().credentials());
    }

    @Test
    void addressesInRelayHostBecomeAddressLiterals_rfc5321_4_1_3() {
        assertEquals("[192.0.2.1]", ServerAssembly.relayHostName("192.0.2.1"));
        assertEquals("[IPv6:2001:db8::1]", ServerAssembly.relayHostName("2001:db8::1"));
        assertEquals("smarthost.example.net", ServerAssembly.relayHostName("smarthost.example.net"));
        assertEquals("1.example", ServerAssembly.relayHostName("1.example"));
    }
}
