package smtp.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class InMemoryResolverTest {

    static final InMemoryResolver DNS = InMemoryResolver.builder()
            .mx("example.com", 10, "mx1.example.com")
            .mx("example.com", 20, "mx2.example.com")
            .a("mx1.example.com", "192.0.2.1", "192.0.2.2")
            .aaaa("mx1.example.com", "2001:db8::1")
            .txt("example.com", "v=spf1 mx -all")
            .txt("_dmarc.example.com", List.of("v=DMARC1; ", "p=reject"))
            .ptr("192.0.2.1", "mx1.example.com")
            .ptr("2001:db8::1", "mx1.example.com")
            .cname("www.example.com", "mx1.example.com")
            .cname("loop1.example.com", "loop2.example.com")
            .cname("loop2.example.com", "LOOP1.example.com.")
            .cname("dangling.example.com", "nowhere.example.com")
            .a("*.wild.example.com", "192.0.2.99")
            .a("host.wild.example.com", "192.0.2.100")
            .txt("deep.below.wild.example.com", "x")
            .nullMx("nomail.example.org")
            .timeout("slow.example.net")
            .servfail("broken.example.net", RecordType.TXT)
            .a("broken.example.net", "192.0.2.7")
            .authenticated("secure.example")
            .a("secure.example", "192.0.2.8")
            .cname("alias.secure.example", "secure.example")
            .build();

    @Test
    @Tag("2308-2.1")
    void answersRecordsNxdomainAndNodata_rfc2308_2() {
        DnsResult<InetAddress> a = DNS.a("mx1.example.com");
        assertEquals(List.of(ip("192.0.2.1"), ip("192.0.2.2")), a.recordsOrEmpty());
        assertInstanceOf(DnsResult.NxDomain.class, DNS.a("no-such-name.example.com"));
        assertInstanceOf(DnsResult.NoData.class, DNS.mx("mx1.example.com"));
        assertInstanceOf(DnsResult.NoData.class, DNS.aaaa("example.com"));
        assertTrue(DNS.aaaa("example.com").isEmpty());
    }

    @Test
    @Tag("2308-2.2")
    void emptyNonTerminalIsNodataNotNxdomain_rfc8020() {
        // below.wild.example.com has no records, but deep.below.wild.example.com does
        assertInstanceOf(DnsResult.NoData.class, DNS.txt("below.wild.example.com"));
        assertInstanceOf(DnsResult.NoData.class, DNS.txt("com"));
    }

    @Test
    void namesCompareCaseInsensitivelyAndToleratesATrailingDot_rfc4343() {
        assertEquals(DNS.a("mx1.example.com"), DNS.a("MX1.Example.COM."));
        assertEquals(List.of(new MxRecord(10, "mx1.example.com"), new MxRecord(20, "mx2.example.com")),
                DNS.mx("EXAMPLE.com").recordsOrEmpty());
    }

    @Test
    @Tag("1035-3.3.14")
    void txtCharacterStringsAreConcatenated_rfc7208_3_3() {
        assertEquals(List.of("v=DMARC1; p=reject"), DNS.txt("_dmarc.example.com").recordsOrEmpty());
        InMemoryResolver zone = InMemoryResolver.fromZone("""
                $ORIGIN example.com.
                sel._domainkey 300 IN TXT ( "v=DKIM1; k=rsa; "
                                            "p=ABC" "DEF" )
                utf8 TXT "caf\\195\\169"
                """, "example.com");
        assertEquals(List.of("v=DKIM1; k=rsa; p=ABCDEF"), zone.txt("sel._domainkey.example.com").recordsOrEmpty());
        assertEquals(List.of("café"), zone.txt("utf8.example.com").recordsOrEmpty());
    }

    @Test
    @Tag("1034-3.6.2")
    void cnameChainsAreFollowed_rfc1034_3_6_2() {
        assertEquals(List.of(ip("192.0.2.1"), ip("192.0.2.2")), DNS.a("www.example.com").recordsOrEmpty());
        assertEquals(List.of(ip("2001:db8::1")), DNS.aaaa("www.example.com").recordsOrEmpty());
        // the name the alias leads to does not exist: NXDOMAIN (RFC 6604 §3: the RCODE is about the last name)
        assertInstanceOf(DnsResult.NxDomain.class, DNS.a("dangling.example.com"));
        assertInstanceOf(DnsResult.NoData.class, DNS.mx("www.example.com"));
    }

    @Test
    @Tag("1034-3.6.2")
    void cnameLoopsAndOverlongChainsAreTemporaryFailures_rfc1034_3_6_2() {
        DnsResult<InetAddress> loop = DNS.a("loop1.example.com");
        assertInstanceOf(DnsResult.TempFail.class, loop);
        InMemoryResolver.Builder b = InMemoryResolver.builder();
        for (int i = 0; i < 9; i++) {
            b.cname("c" + i + ".example.com", "c" + (i + 1) + ".example.com");
        }
        InMemoryResolver chain = b.a("c9.example.com", "192.0.2.9").build();
        assertInstanceOf(DnsResult.TempFail.class, chain.a("c0.example.com"));
        assertEquals(List.of(ip("192.0.2.9")), chain.a("c1.example.com").recordsOrEmpty()); // 8 links
    }

    @Test
    void wildcardsAnswerOnlyForNamesThatDoNotExist_rfc4592() {
        DnsResult<InetAddress> synthesized = DNS.a("anything.wild.example.com");
        assertEquals(List.of(ip("192.0.2.99")), synthesized.recordsOrEmpty());
        assertEquals("anything.wild.example.com", synthesized.recordsOrEmpty().get(0).getHostName());
        assertEquals(List.of(ip("192.0.2.100")), DNS.a("host.wild.example.com").recordsOrEmpty());
        // below.wild.example.com exists (an empty non-terminal): the wildcard does not apply to it
        assertInstanceOf(DnsResult.NoData.class, DNS.a("below.wild.example.com"));
        // the closest encloser of x.below.wild.example.com is below.wild..., which has no wildcard
        assertInstanceOf(DnsResult.NxDomain.class, DNS.a("x.below.wild.example.com"));
        assertInstanceOf(DnsResult.NoData.class, DNS.mx("other.wild.example.com"));
    }

    @Test
    void injectedFailuresAreTemporaryNeverEmpty() {
        for (var r : List.of(DNS.a("slow.example.net"), DNS.mx("slow.example.net"), DNS.txt("slow.example.net"))) {
            assertEquals(new DnsResult.TempFail<>("timeout"), r);
            assertFalse(r.isEmpty());
            assertThrows(IllegalStateException.class, r::recordsOrEmpty);
        }
        assertEquals(new DnsResult.TempFail<>("SERVFAIL"), DNS.txt("broken.example.net"));
        assertEquals(List.of(ip("192.0.2.7")), DNS.a("broken.example.net").recordsOrEmpty());
    }

    @Test
    @Tag("4035-3.2.3")
    void authenticatedDataBitIsPassedThrough_rfc4035_3_2_3() {
        assertTrue(((DnsResult.Records<InetAddress>) DNS.a("secure.example")).authenticated());
        assertTrue(((DnsResult.Records<InetAddress>) DNS.a("alias.secure.example")).authenticated() == false,
                "an unauthenticated alias makes the chain unauthenticated");
        assertFalse(((DnsResult.Records<InetAddress>) DNS.a("mx1.example.com")).authenticated());
    }

    @Test
    @Tag("4035-3.2.3b")
    void authenticatedDenialOfExistenceKeepsTheAdBit_rfc4035_3_2_3_rfc7672_2_2() {
        assertEquals(new DnsResult.NoData<>(true), DNS.mx("secure.example"));
        assertEquals(new DnsResult.NxDomain<>(true), DNS.a("_25._tcp.secure.example"), "below a signed name");
        assertEquals(new DnsResult.NoData<>(false), DNS.mx("mx1.example.com"));
        assertEquals(new DnsResult.NxDomain<>(false), DNS.a("no-such-name.example.com"));
        assertEquals(new DnsResult.NxDomain<>(false), DNS.a("elsewhere.invalid"), "below no loaded name");
        assertEquals(new DnsResult.NxDomain<>(false), DNS.a("a..secure.example"), "an impossible name: nothing validated");
        assertEquals(new DnsResult.NoData<>(false), DNS.mx("alias.secure.example"),
                "an unauthenticated alias makes the denial unauthenticated");
    }

    @Test
    @Tag("7505-3")
    void nullMxIsOneRecordOfPreferenceZeroAndTheRoot_rfc7505_3() {
        List<MxRecord> mx = DNS.mx("nomail.example.org").recordsOrEmpty();
        assertEquals(List.of(new MxRecord(0, "")), mx);
        assertTrue(mx.get(0).isNull());
    }

    @Test
    void ptrAndForwardConfirmation_rfc7208_5_5() {
        assertEquals(List.of("mx1.example.com"), DNS.ptr(ip("192.0.2.1")).recordsOrEmpty());
        assertEquals(List.of("mx1.example.com"), DNS.confirmedPtr(ip("192.0.2.1")).recordsOrEmpty());
        assertEquals(List.of("mx1.example.com"), DNS.confirmedPtr(ip("2001:db8::1")).recordsOrEmpty());
        assertInstanceOf(DnsResult.NxDomain.class, DNS.confirmedPtr(ip("192.0.2.3")));
        InMemoryResolver liar = InMemoryResolver.builder()
                .ptr("192.0.2.50", "claims.example.com").a("claims.example.com", "192.0.2.51")
                .ptr("192.0.2.60", "slow.example.com").timeout("slow.example.com")
                .build();
        assertInstanceOf(DnsResult.NoData.class, liar.confirmedPtr(ip("192.0.2.50")));
        assertInstanceOf(DnsResult.TempFail.class, liar.confirmedPtr(ip("192.0.2.60")));
    }

    @Test
    void addressesCarryTheirOwnerNameSoNoReverseLookupHappens() {
        InetAddress a = DNS.a("mx1.example.com").recordsOrEmpty().get(0);
        assertEquals("mx1.example.com", a.getHostName());
        InetAddress mapped = InMemoryResolver.builder().aaaa("m.example", "::ffff:192.0.2.1").build()
                .aaaa("m.example").recordsOrEmpty().get(0);
        assertInstanceOf(java.net.Inet6Address.class, mapped);
    }

    @Test
    void queryCountCountsEveryLookup() {
        InMemoryResolver r = InMemoryResolver.builder().a("x.example", "192.0.2.1").build();
        r.a("x.example");
        r.mx("x.example");
        r.txt("bad..name");
        r.confirmedPtr(ip("192.0.2.1")); // one PTR query, no forward query (no PTR record)
        assertEquals(4, r.queryCount());
    }

    @Test
    void impossibleNamesAreNxdomain() {
        assertInstanceOf(DnsResult.NxDomain.class, DNS.a("a..example.com"));
        assertInstanceOf(DnsResult.NxDomain.class, DNS.a(""));
        assertInstanceOf(DnsResult.NxDomain.class, DNS.a("x".repeat(64) + ".example.com"));
        assertInstanceOf(DnsResult.NxDomain.class, DNS.a("bücher.example"));
        assertInstanceOf(DnsResult.NxDomain.class, DNS.a(null));
    }

    @Test
    void builderRejectsDataNoServerWouldLoad_rfc1034_3_6_2() {
        assertThrows(IllegalArgumentException.class,
                () -> InMemoryResolver.builder().cname("x.example", "y.example").a("x.example", "192.0.2.1").build());
        assertThrows(IllegalArgumentException.class,
                () -> InMemoryResolver.builder().cname("x.example", "y.example").cname("x.example", "z.example").build());
        assertThrows(IllegalArgumentException.class, () -> InMemoryResolver.builder().a("x.example", "300.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> InMemoryResolver.builder().a("x.example", "localhost"));
        assertThrows(IllegalArgumentException.class, () -> InMemoryResolver.builder().aaaa("x.example", "192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> InMemoryResolver.builder().mx("a..b", 10, "mx.example"));
        assertThrows(IllegalArgumentException.class, () -> InMemoryResolver.builder().zone("@ IN BOGUS x", "example.com"));
    }

    @Test
    void loadsAZoneFileWithDnsjavasParser_rfc1035_5() throws Exception {
        Path file = Path.of(getClass().getResource("/smtp/dns/zones/example.test.zone").toURI());
        InMemoryResolver zone = InMemoryResolver.fromZoneFile(file, "example.test");
        assertEquals(3, zone.mx("example.test").recordsOrEmpty().size());
        assertInstanceOf(DnsResult.NoData.class, zone.a("ns.example.test")); // only AAAA there
        assertInstanceOf(DnsResult.NoData.class, zone.a("example.test.")); // SOA, NS, MX, TXT only
        assertEquals(List.of("v=DMARC1; p=reject"), zone.txt("_dmarc.example.test").recordsOrEmpty());
        assertEquals(12 * 250, zone.txt("big.example.test").recordsOrEmpty().get(0).length());
        assertEquals(List.of(ip("192.0.2.1")), zone.a("alias1.example.test").recordsOrEmpty());
        assertEquals(List.of(new MxRecord(0, "")), zone.mx("nullmx.example.test").recordsOrEmpty());
    }

    @Test
    void noQueryThrows() {
        qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 300))
                .checkAssert(name -> {
                    assertTrue(DNS.a(name) != null);
                    assertTrue(DNS.txt(name) != null);
                    assertTrue(DNS.mx(name) != null);
                });
        qt().withExamples(2000).forAll(strings().ascii().ofLengthBetween(0, 300))
                .checkAssert(name -> assertTrue(DNS.aaaa(name) != null));
    }

    static InetAddress ip(String text) {
        return smtp.dns.internal.DnsNames.ip(text).orElseThrow();
    }
}
