package smtp.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.internal.DnsNames;
import smtp.dns.testing.NsdServer;
import smtp.dns.testing.ScriptedDnsServer;

/** RFC 5321 §5.1 and RFC 7505 routing against a real authoritative server (NSD) and the test zones. */
class MxResolverNsdTest {

    static NsdServer nsd;
    static MxResolver router;

    @BeforeAll
    static void startNsd() throws Exception {
        nsd = NsdServer.builder().exampleZones()
                .zone("failing-mx.test", """
                        @     MX 10 mx.broken.test.
                        """)
                .failingZone("broken.test")
                .start();
        router = new MxResolver(nsd.resolver(), Set.of("local.example.test"));
    }

    @AfterAll
    static void stopNsd() {
        if (nsd != null) {
            nsd.close();
        }
    }

    @Test
    @Tag("5321-5.1h")
    void mxHostsBestPreferenceFirstWithTheirAddresses_rfc5321_5_1() {
        MxRoute.Hosts hosts = assertInstanceOf(MxRoute.Hosts.class, router.route("example.test"));
        assertEquals(List.of(10, 10, 20), hosts.hosts().stream().map(MxHost::preference).toList());
        assertEquals(Set.of("mx1.example.test", "mx2.example.test"),
                Set.copyOf(hosts.hosts().subList(0, 2).stream().map(MxHost::name).toList()));
        MxHost mx1 = hosts.hosts().stream().filter(h -> h.name().equals("mx1.example.test")).findFirst().orElseThrow();
        assertEquals(List.of(ip("2001:db8::1"), ip("192.0.2.1")), mx1.addresses());
        assertEquals(new MxHost("mx3.example.test", 20, List.of(ip("192.0.2.3"))), hosts.hosts().get(2));
    }

    @Test
    @Tag("5321-5.1i")
    void equalPreferencesAreShuffled_rfc5321_5_1() {
        // the answers come from NSD once and then from the cache; the shuffle is ours, every time
        MxResolver cached = new MxResolver(Resolvers.create(
                new DnsConfig(List.of(nsd.address()), Duration.ofSeconds(2), 1, 1000)), Set.of());
        int runs = 1200;
        Map<List<String>, Integer> orders = new HashMap<>();
        for (int i = 0; i < runs; i++) {
            List<String> names = ((MxRoute.Hosts) cached.route("shuffle.example.test")).hosts().stream()
                    .map(MxHost::name).toList();
            assertEquals("s4.example.test", names.get(3));
            orders.merge(names.subList(0, 3), 1, Integer::sum);
        }
        assertEquals(6, orders.size(), orders.toString());
        assertTrue(MxShuffleTest.chiSquare(orders.values(), runs / 6.0) < MxShuffleTest.CHI2_5DOF_1E9, orders.toString());
    }

    @Test
    @Tag("5321-5.1d")
    void implicitMx_rfc5321_5_1() {
        MxRoute.Hosts hosts = assertInstanceOf(MxRoute.Hosts.class, router.route("implicit.example.test"));
        assertEquals(List.of(new MxHost("implicit.example.test", 0, List.of(ip("2001:db8::10"), ip("192.0.2.10")))),
                hosts.hosts());
        assertInstanceOf(MxRoute.NoMailHosts.class, router.route("nothing.example.test"));
    }

    @Test
    @Tag("7505-4.1")
    void nullMx_rfc7505_4_1() {
        assertInstanceOf(MxRoute.NullMx.class, router.route("nullmx.example.test"));
    }

    @Test
    @Tag("5321-5.1a")
    void cnamesOfTheDomainAndOfTheExchange_rfc5321_5_1() {
        assertEquals(3, ((MxRoute.Hosts) router.route("mailalias.example.test")).hosts().size());
        MxRoute.Hosts viaAlias = (MxRoute.Hosts) router.route("cnamemx.example.test");
        assertEquals(List.of(new MxHost("alias1.example.test", 10, List.of(ip("2001:db8::1"), ip("192.0.2.1")))),
                viaAlias.hosts());
    }

    @Test
    @Tag("5321-5.1g")
    void anExchangeWrittenAsAnAddressIsSkipped_rfc5321_5_1() {
        assertEquals(List.of("mx3.example.test"),
                ((MxRoute.Hosts) router.route("ipmx.example.test")).hosts().stream().map(MxHost::name).toList());
    }

    @Test
    @Tag("5321-5.1b")
    void nxdomain_rfc5321_5_1() {
        assertInstanceOf(MxRoute.NoSuchDomain.class, router.route("nope.example.test"));
    }

    @Test
    @Tag("5321-5.1c")
    void servfailTimeoutsAndReferralsAreTemporary_rfc5321_5_1() throws Exception {
        assertInstanceOf(MxRoute.TempFail.class, router.route("broken.test"));          // SERVFAIL on MX
        assertInstanceOf(MxRoute.TempFail.class, router.route("failing-mx.test"));      // SERVFAIL on the exchange
        assertInstanceOf(MxRoute.TempFail.class, router.route("x.dead.example.test"));  // a referral
        try (ScriptedDnsServer silent = ScriptedDnsServer.silent()) {
            MxResolver deaf = new MxResolver(Resolvers.create(
                    new DnsConfig(List.of(silent.address()), Duration.ofMillis(200), 0, 0)), Set.of());
            MxRoute r = deaf.route("example.test");
            assertTrue(r instanceof MxRoute.TempFail t && t.reason().contains("timeout"), r.toString());
        }
    }

    static InetAddress ip(String text) {
        return DnsNames.ip(text).orElseThrow();
    }
}
