package smtp.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.DnsConfig;
import smtp.dns.DnsResult;
import smtp.dns.MxRecord;
import smtp.dns.Resolver;
import smtp.dns.testing.NsdServer;
import smtp.dns.testing.ScriptedDnsServer;

/** The network resolver against a real authoritative server, NSD, serving the test zones. */
class DnsjavaResolverNsdTest {

    static NsdServer nsd;
    static Resolver dns;

    @BeforeAll
    static void startNsd() throws Exception {
        nsd = NsdServer.builder().exampleZones().failingZone("broken.test").start();
        dns = nsd.resolver();
    }

    @AfterAll
    static void stopNsd() {
        if (nsd != null) {
            nsd.close();
        }
    }

    @Test
    void mxRecordsComeWithTheirPreferences_rfc1035_3_3_9() {
        List<MxRecord> mx = dns.mx("example.test").recordsOrEmpty();
        assertEquals(3, mx.size());
        assertTrue(mx.contains(new MxRecord(10, "mx1.example.test")));
        assertTrue(mx.contains(new MxRecord(10, "mx2.example.test")));
        assertTrue(mx.contains(new MxRecord(20, "mx3.example.test")));
        assertEquals(mx.size(), dns.mx("EXAMPLE.Test.").recordsOrEmpty().size(), "names are case-insensitive");
    }

    @Test
    void addressesOfBothFamilies() {
        assertEquals(List.of(ip("192.0.2.1")), dns.a("mx1.example.test").recordsOrEmpty());
        assertEquals(List.of(ip("2001:db8::1")), dns.aaaa("mx1.example.test").recordsOrEmpty());
        assertEquals("mx1.example.test", dns.a("mx1.example.test").recordsOrEmpty().get(0).getHostName());
    }

    @Test
    @Tag("2308-2.1")
    void nxdomainAndNodataAreDistinct_rfc2308_2() {
        assertInstanceOf(DnsResult.NxDomain.class, dns.mx("nope.example.test"));
        assertInstanceOf(DnsResult.NoData.class, dns.mx("nothing.example.test"));
        assertInstanceOf(DnsResult.NoData.class, dns.a("example.test"));
    }

    @Test
    @Tag("1034-3.6.2")
    void cnameChainsAreFollowed_rfc1034_3_6_2() {
        assertEquals(List.of(ip("192.0.2.1")), dns.a("alias1.example.test").recordsOrEmpty());
        assertEquals(3, dns.mx("mailalias.example.test").recordsOrEmpty().size());
        assertInstanceOf(DnsResult.NxDomain.class, dns.a("dangling.example.test"));
    }

    @Test
    @Tag("1035-3.3.14")
    void txtStringsAreConcatenated_rfc7208_3_3() {
        assertEquals(List.of("v=DMARC1; p=reject"), dns.txt("_dmarc.example.test").recordsOrEmpty());
        assertEquals(List.of("v=spf1 mx -all"), dns.txt("example.test").recordsOrEmpty());
    }

    @Test
    @Tag("1035-4.2.1")
    void aTxtRecordTooLargeForUdpArrivesOverTcp_rfc1035_4_2_1() {
        List<String> big = dns.txt("big.example.test").recordsOrEmpty();
        assertEquals(1, big.size());
        assertEquals(12 * 250, big.get(0).length());
        assertTrue(big.get(0).startsWith("00xxx") && big.get(0).contains("11xxx"));
    }

    @Test
    @Tag("5321-5.1c")
    void servfailIsATemporaryFailure_rfc5321_5_1() {
        DnsResult<InetAddress> r = dns.a("www.broken.test");
        assertInstanceOf(DnsResult.TempFail.class, r);
        assertTrue(((DnsResult.TempFail<InetAddress>) r).reason().contains("SERVFAIL"), r.toString());
        assertFalse(r.isEmpty());
    }

    @Test
    @Tag("5321-5.1c")
    void refusedAndReferralsAreTemporaryFailures_rfc5321_5_1() {
        DnsResult<MxRecord> refused = dns.mx("not-served.test");
        assertTrue(((DnsResult.TempFail<MxRecord>) refused).reason().contains("REFUSED"), refused.toString());
        // dead.example.test is delegated; NSD does not recurse and answers with a referral
        assertInstanceOf(DnsResult.TempFail.class, dns.a("mail.dead.example.test"));
    }

    @Test
    @Tag("5321-5.1c")
    @Tag("1035-7.2")
    void aServerThatDoesNotAnswerIsATimeoutThenTheNextServerIsAsked_rfc1035_7_2() throws Exception {
        try (ScriptedDnsServer silent = ScriptedDnsServer.silent()) {
            Resolver onlySilent = DnsjavaResolver.create(
                    new DnsConfig(List.of(silent.address()), Duration.ofMillis(300), 1, 0));
            DnsResult<InetAddress> r = onlySilent.a("mx1.example.test");
            assertTrue(((DnsResult.TempFail<InetAddress>) r).reason().contains("timeout"), r.toString());
            assertEquals(2, silent.udpQueries(), "one try and one retry");

            Resolver failover = DnsjavaResolver.create( // 1 s: NSD answers in time even on a busy machine
                    new DnsConfig(List.of(silent.address(), nsd.address()), Duration.ofSeconds(1), 1, 0));
            assertEquals(List.of(ip("192.0.2.1")), failover.a("mx1.example.test").recordsOrEmpty());
        }
    }

    @Test
    @Tag("2308-5")
    void answersAreCachedForTheirTtlAndNegativeOnesForTheSoaMinimum_rfc2308_5() {
        AtomicLong now = new AtomicLong();
        DnsjavaResolver cached = new DnsjavaResolver(
                new DnsConfig(List.of(nsd.address()), Duration.ofSeconds(2), 1, 100), now::get);
        cached.mx("example.test");
        cached.mx("nope.example.test");
        assertEquals(2, cached.sentCount());
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        cached.mx("example.test");
        cached.mx("nope.example.test");
        assertEquals(2, cached.sentCount(), "both answered from the cache");
        assertEquals(4, cached.queryCount(), "cache hits count as queries");
        now.addAndGet(Duration.ofSeconds(2).toNanos()); // 61 s: past the SOA minimum (60), within the TTL (300)
        cached.mx("example.test");
        assertInstanceOf(DnsResult.NxDomain.class, cached.mx("nope.example.test"));
        assertEquals(3, cached.sentCount());
        now.addAndGet(Duration.ofSeconds(240).toNanos()); // 301 s
        cached.mx("example.test");
        assertEquals(4, cached.sentCount());
    }

    @Test
    void ptrWithForwardConfirmation_rfc7208_5_5() {
        assertEquals(List.of("mx1.example.test"), dns.ptr(ip("192.0.2.1")).recordsOrEmpty());
        List<String> two = dns.ptr(ip("192.0.2.2")).recordsOrEmpty();
        assertEquals(2, two.size());
        // liar.example.test does not exist: only mx2 is confirmed
        assertEquals(List.of("mx2.example.test"), dns.confirmedPtr(ip("192.0.2.2")).recordsOrEmpty());
        assertInstanceOf(DnsResult.NoData.class, dns.confirmedPtr(ip("192.0.2.50")));
        assertInstanceOf(DnsResult.NxDomain.class, dns.ptr(ip("192.0.2.99")));
    }

    @Test
    void theAdBitOfAnAuthoritativeServerIsNotSet_rfc4035_3_2_3() {
        // NSD does not validate, so it never sets AD: the flag is passed through, not invented
        assertFalse(((DnsResult.Records<InetAddress>) dns.a("mx1.example.test")).authenticated());
    }

    @Test
    @Tag("4035-3.2.3b")
    void aDenialFromANonValidatingServerIsNotAuthenticated_rfc4035_3_2_3_rfc7672_2_2() {
        // NXDOMAIN and NODATA keep the (absent) AD bit: DANE must not take them for authenticated denial
        assertEquals(new DnsResult.NxDomain<>(false), dns.txt("_25._tcp.nope.example.test"));
        assertEquals(new DnsResult.NoData<>(false), dns.mx("nothing.example.test"));
        assertEquals(new DnsResult.NxDomain<>(false), dns.a("dangling.example.test"));
    }

    static InetAddress ip(String text) {
        return DnsNames.ip(text).orElseThrow();
    }
}
