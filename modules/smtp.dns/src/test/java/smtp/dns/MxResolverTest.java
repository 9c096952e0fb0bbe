package smtp.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.internal.DnsNames;

/** RFC 5321 §5.1 and RFC 7505 routing over the in-memory resolver. */
class MxResolverTest {

    static final InMemoryResolver DNS = InMemoryResolver.builder()
            .mx("example.com", 20, "backup.example.com")
            .mx("example.com", 10, "mx1.example.com")
            .a("mx1.example.com", "192.0.2.1")
            .aaaa("mx1.example.com", "2001:db8::1")
            .a("backup.example.com", "192.0.2.2")
            .a("example.com", "192.0.2.200") // never used: the domain has MX records
            .a("implicit.example", "192.0.2.10")
            .aaaa("implicit.example", "2001:db8::10")
            .exists("nothing.example")
            .nullMx("nullmx.example")
            .a("nullmx.example", "192.0.2.66")
            .mx("mixed-null.example", 0, ".")
            .mx("mixed-null.example", 10, "mx1.example.com")
            .mx("relay.example", 10, "mx1.example.com")
            .mx("relay.example", 20, "me.example.net")
            .mx("relay.example", 20, "peer.example.com")
            .mx("relay.example", 30, "backup.example.com")
            .a("me.example.net", "198.51.100.7")
            .a("peer.example.com", "192.0.2.30")
            .mx("primary-is-me.example", 10, "ME.example.net.")
            .mx("primary-is-me.example", 20, "backup.example.com")
            .mx("byaddress.example", 10, "alias-of-me.example.org")
            .mx("byaddress.example", 20, "backup.example.com")
            .a("alias-of-me.example.org", "198.51.100.7")
            .mx("ipmx.example", 10, "192.0.2.1")
            .mx("ipmx.example", 20, "backup.example.com")
            .mx("onlyipmx.example", 10, "192.0.2.1")
            .mx("cnamemx.example", 10, "alias.example.com")
            .cname("alias.example.com", "mx1.example.com")
            .cname("domainalias.example", "example.com")
            .mx("noaddr.example", 10, "ghost.example.com")
            .mx("flaky.example", 10, "slow.example.com")
            .mx("flaky.example", 20, "ghost.example.com")
            .timeout("slow.example.com")
            .mx("half.example", 10, "slow.example.com")
            .mx("half.example", 20, "backup.example.com")
            .timeout("mxtimeout.example", RecordType.MX)
            .timeout("implicitslow.example", RecordType.A)
            .timeout("implicitslow.example", RecordType.AAAA)
            .build();

    static final MxResolver ROUTER = new MxResolver(DNS, Set.of("me.example.net"));

    @Test
    @Tag("5321-5.1h")
    void mxRecordsAreTriedLowestPreferenceFirst_rfc5321_5_1() {
        MxRoute.Hosts hosts = assertInstanceOf(MxRoute.Hosts.class, ROUTER.route("example.com"));
        assertEquals(List.of("mx1.example.com", "backup.example.com"), names(hosts));
        assertEquals(List.of(10, 20), hosts.hosts().stream().map(MxHost::preference).toList());
    }

    @Test
    @Tag("5321-5.1j")
    void eachExchangesAddressesAreAaaaThenAInResolverOrder_rfc5321_5_1() {
        MxRoute.Hosts hosts = (MxRoute.Hosts) ROUTER.route("example.com");
        assertEquals(List.of(ip("2001:db8::1"), ip("192.0.2.1")), hosts.hosts().get(0).addresses());
        MxRoute.Hosts v4first = (MxRoute.Hosts) new MxResolver(DNS, Set.of(), Set.of(), MxResolver.AddressOrder.IPV4_FIRST)
                .route("example.com");
        assertEquals(List.of(ip("192.0.2.1"), ip("2001:db8::1")), v4first.hosts().get(0).addresses());
    }

    @Test
    @Tag("5321-5.2")
    void addressFamiliesAreAnOperatorsChoice_rfc5321_5_2() {
        InMemoryResolver counting = InMemoryResolver.builder().mx("d.example", 10, "mx.d.example")
                .a("mx.d.example", "192.0.2.1").aaaa("mx.d.example", "2001:db8::1").build();
        MxRoute.Hosts v4 = (MxRoute.Hosts) new MxResolver(counting, Set.of(), Set.of(), MxResolver.AddressOrder.IPV4_ONLY)
                .route("d.example");
        assertEquals(List.of(ip("192.0.2.1")), v4.hosts().get(0).addresses());
        assertEquals(2, counting.queryCount(), "an IPv4-only host does not even ask for AAAA");
        MxRoute.Hosts v6 = (MxRoute.Hosts) new MxResolver(counting, Set.of(), Set.of(), MxResolver.AddressOrder.IPV6_ONLY)
                .route("d.example");
        assertEquals(List.of(ip("2001:db8::1")), v6.hosts().get(0).addresses());
        assertInstanceOf(MxRoute.NoMailHosts.class,
                new MxResolver(counting, Set.of(), Set.of(), MxResolver.AddressOrder.IPV4_ONLY).route("[IPv6:2001:db8::5]"));
    }

    @Test
    @Tag("5321-5.1d")
    void noMxRecordsMeansAnImplicitMxOfPreferenceZero_rfc5321_5_1() {
        MxRoute.Hosts hosts = assertInstanceOf(MxRoute.Hosts.class, ROUTER.route("implicit.example"));
        assertEquals(List.of(new MxHost("implicit.example", 0, List.of(ip("2001:db8::10"), ip("192.0.2.10")))),
                hosts.hosts());
    }

    @Test
    @Tag("5321-5.1e")
    void noUsableHostIsAnError_rfc5321_5_1() {
        assertInstanceOf(MxRoute.NoMailHosts.class, ROUTER.route("nothing.example")); // no MX, no address
        assertInstanceOf(MxRoute.NoMailHosts.class, ROUTER.route("noaddr.example")); // MX to a name without addresses
    }

    @Test
    @Tag("5321-5.1f")
    void withMxRecordsTheDomainsOwnAddressesAreNeverUsed_rfc5321_5_1() {
        MxRoute.Hosts hosts = (MxRoute.Hosts) ROUTER.route("example.com");
        assertTrue(hosts.hosts().stream().noneMatch(h -> h.addresses().contains(ip("192.0.2.200"))));
        assertInstanceOf(MxRoute.NoMailHosts.class, ROUTER.route("onlyipmx.example"));
    }

    @Test
    @Tag("5321-5.1b")
    void nonExistentDomainIsAnError_rfc5321_5_1() {
        assertInstanceOf(MxRoute.NoSuchDomain.class, ROUTER.route("no-such-domain.example"));
        assertInstanceOf(MxRoute.NoSuchDomain.class, ROUTER.route("bad..name"));
        assertInstanceOf(MxRoute.NoSuchDomain.class, ROUTER.route(""));
    }

    @Test
    @Tag("5321-5.1a")
    void aDomainThatIsAnAliasIsProcessedAsItsCanonicalName_rfc5321_5_1() {
        assertEquals(names((MxRoute.Hosts) ROUTER.route("example.com")),
                names((MxRoute.Hosts) ROUTER.route("DomainAlias.example.")));
    }

    @Test
    @Tag("5321-5.1g")
    void anExchangeMustBeADomainName_rfc5321_5_1() {
        // "10 192.0.2.1" is skipped: never connect to it as if it were an address
        MxRoute.Hosts hosts = (MxRoute.Hosts) ROUTER.route("ipmx.example");
        assertEquals(List.of("backup.example.com"), names(hosts));
        // an exchange that is an alias (RFC 2181 §10.3 forbids publishing it) is followed anyway
        MxRoute.Hosts viaAlias = (MxRoute.Hosts) ROUTER.route("cnamemx.example");
        assertEquals(List.of(new MxHost("alias.example.com", 10, List.of(ip("2001:db8::1"), ip("192.0.2.1")))),
                viaAlias.hosts());
    }

    @Test
    @Tag("5321-5.1c")
    void aTemporaryFailureIsNeverAPermanentOutcome_rfc5321_5_1() {
        assertInstanceOf(MxRoute.TempFail.class, ROUTER.route("mxtimeout.example"));
        assertInstanceOf(MxRoute.TempFail.class, ROUTER.route("implicitslow.example"));
        // the only MX with a chance times out; the other has no address: try later, do not bounce
        assertInstanceOf(MxRoute.TempFail.class, ROUTER.route("flaky.example"));
        // a backup with addresses is still worth trying
        assertEquals(List.of("backup.example.com"), names((MxRoute.Hosts) ROUTER.route("half.example")));
    }

    @Test
    @Tag("5321-5.1k")
    void thisHostAndEveryEqualOrHigherPreferenceAreDiscarded_rfc5321_5_1() {
        MxRoute.Hosts hosts = (MxRoute.Hosts) ROUTER.route("relay.example");
        assertEquals(List.of("mx1.example.com"), names(hosts), "peer (20) and backup (30) go with me (20)");
        assertInstanceOf(MxRoute.Loop.class, ROUTER.route("primary-is-me.example"));
        assertInstanceOf(MxRoute.Loop.class, new MxResolver(DNS, Set.of("implicit.example")).route("implicit.example"));
    }

    @Test
    @Tag("5321-5.1k")
    void thisHostIsAlsoRecognisedByItsAddresses_rfc5321_5_1() {
        MxResolver byAddress = new MxResolver(DNS, Set.of(), Set.of(ip("198.51.100.7")), MxResolver.AddressOrder.IPV6_FIRST);
        assertInstanceOf(MxRoute.Loop.class, byAddress.route("byaddress.example"));
        assertInstanceOf(MxRoute.Loop.class, byAddress.route("[198.51.100.7]"));
        assertEquals(List.of("mx1.example.com"), names((MxRoute.Hosts) byAddress.route("relay.example")));
    }

    @Test
    @Tag("7505-4.1")
    void nullMxIsPermanentAndNeverFallsBackToAddresses_rfc7505_4_1() {
        assertInstanceOf(MxRoute.NullMx.class, ROUTER.route("nullmx.example"));
        InMemoryResolver dns = InMemoryResolver.builder().nullMx("n.example").a("n.example", "192.0.2.66").build();
        assertInstanceOf(MxRoute.NullMx.class, new MxResolver(dns, Set.of()).route("n.example"));
        assertEquals(1, dns.queryCount(), "the MX query only: its A record is never even looked up");
    }

    @Test
    @Tag("7505-3a")
    void aRootExchangeBesideOtherRecordsIsJustUnusable_rfc7505_3() {
        assertEquals(List.of("mx1.example.com"), names((MxRoute.Hosts) ROUTER.route("mixed-null.example")));
    }

    @Test
    @Tag("5321-5.1n")
    void addressLiteralsBypassDns_rfc5321_4_1_3() {
        InMemoryResolver empty = InMemoryResolver.builder().build();
        MxResolver r = new MxResolver(empty, Set.of());
        assertEquals(List.of(new MxHost("[192.0.2.1]", 0, List.of(ip("192.0.2.1")))),
                ((MxRoute.Hosts) r.route("[192.0.2.1]")).hosts());
        assertEquals(List.of(ip("2001:db8::1")), ((MxRoute.Hosts) r.route("[IPv6:2001:DB8::1]")).hosts().get(0).addresses());
        assertEquals(List.of(ip("::ffff:192.0.2.1")),
                ((MxRoute.Hosts) r.route("[ipv6:::ffff:192.0.2.1]")).hosts().get(0).addresses());
        assertEquals(0, empty.queryCount());
        for (String bad : List.of("[192.0.2.256]", "[192.0.2]", "[1.2.3.4.5]", "[x400:c=us]", "[IPv6:zz::1]",
                "[2001:db8::1]", "[]", "[192.0.2.1", "[IPv6:1:2:3:4:5:6:7:8:9]", "[ 192.0.2.1]")) {
            assertInstanceOf(MxRoute.NoMailHosts.class, r.route(bad), bad);
        }
        assertEquals(0, empty.queryCount());
    }

    @Test
    @Tag("5321-5.1l")
    void atMostTenExchangesAreResolved_rfc5321_5_1() {
        InMemoryResolver.Builder b = InMemoryResolver.builder();
        for (int i = 0; i < 30; i++) {
            b.mx("many.example", i, "mx" + i + ".many.example").a("mx" + i + ".many.example", "192.0.2." + (i + 1));
        }
        InMemoryResolver many = b.build();
        MxRoute.Hosts hosts = (MxRoute.Hosts) new MxResolver(many, Set.of()).route("many.example");
        assertEquals(10, hosts.hosts().size());
        assertEquals("mx0.many.example", hosts.hosts().get(0).name());
        assertTrue(many.queryCount() <= 1 + 2 * 10);
    }

    @Test
    @Tag("5321-5.1m")
    void namesAreUsedAsGivenWithoutSearchLists_rfc5321_5_1() {
        // "mx1" alone is not completed to mx1.example.com: it is a (non-existent) top-level name
        assertInstanceOf(MxRoute.NoSuchDomain.class, ROUTER.route("mx1"));
    }

    @Test
    void noDomainThrows() {
        qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 80))
                .checkAssert(d -> assertTrue(ROUTER.route(d) != null));
        qt().withExamples(3000).forAll(strings().ascii().ofLengthBetween(0, 60))
                .checkAssert(d -> assertTrue(ROUTER.route("[" + d + "]") != null));
    }

    static List<String> names(MxRoute.Hosts hosts) {
        return hosts.hosts().stream().map(MxHost::name).toList();
    }

    static InetAddress ip(String text) {
        return DnsNames.ip(text).orElseThrow();
    }
}
