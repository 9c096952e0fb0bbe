package smtp.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import smtp.dns.DnsConfig;
import smtp.dns.DnsResult;
import smtp.dns.testing.ScriptedDnsServer;

/**
 * The network resolver against scripted servers, for what a real server will not do on demand:
 * the AD bit, truncation with TCP refused, odd RCODEs, alias chains split over responses,
 * answers without an SOA.
 */
class DnsjavaResolverScriptedTest {

    static DnsjavaResolver resolver(ScriptedDnsServer... servers) {
        return new DnsjavaResolver(new DnsConfig(java.util.Arrays.stream(servers).map(ScriptedDnsServer::address).toList(),
                Duration.ofSeconds(2), 0, 100), System::nanoTime); // generous: the machine may be busy
    }

    static Message withA(Message q, String owner, String address, long ttl) {
        Message r = ScriptedDnsServer.response(q);
        r.addRecord(new ARecord(Name.fromConstantString(owner), DClass.IN, ttl, ip(address)), Section.ANSWER);
        return r;
    }

    @Test
    @Tag("4035-3.2.3")
    void theAdBitIsPassedThroughAndAskedFor_rfc4035_3_2_3_rfc6840_5_7() throws Exception {
        try (ScriptedDnsServer s = ScriptedDnsServer.answering((q, tcp) -> {
            Message r = withA(q, "secure.example.", "192.0.2.1", 300);
            if (q.getHeader().getFlag(Flags.AD)) { // RFC 6840 §5.7: the stub signals it understands AD
                r.getHeader().setFlag(Flags.AD);
            }
            return Optional.of(r);
        })) {
            DnsResult.Records<InetAddress> a = (DnsResult.Records<InetAddress>) resolver(s).a("secure.example");
            assertTrue(a.authenticated());
        }
    }

    @Test
    @Tag("4035-3.2.3b")
    void theAdBitOfADenialOfExistenceIsPassedThrough_rfc4035_3_2_3_rfc7672_2_2() throws Exception {
        try (ScriptedDnsServer s = ScriptedDnsServer.answering((q, tcp) -> {
            String name = q.getQuestion().getName().toString();
            Message r = ScriptedDnsServer.response(q, name.startsWith("nx") || name.startsWith("_25") ? Rcode.NXDOMAIN : Rcode.NOERROR);
            if (name.startsWith("alias")) { // an unsigned alias, whose target is asked separately
                r.addRecord(new CNAMERecord(q.getQuestion().getName(), DClass.IN, 60,
                        Name.fromConstantString("_25._tcp.secure.example.")), Section.ANSWER);
                return Optional.of(r);
            }
            r.addRecord(new SOARecord(Name.fromConstantString("secure.example."), DClass.IN, 300,
                    Name.fromConstantString("ns.secure.example."), Name.fromConstantString("hostmaster.secure.example."),
                    1, 3600, 600, 86400, 60), Section.AUTHORITY);
            if (!name.contains("insecure") && q.getHeader().getFlag(Flags.AD)) {
                r.getHeader().setFlag(Flags.AD); // a validating resolver proved the denial (RFC 4035 §5.4)
            }
            return Optional.of(r);
        })) {
            DnsjavaResolver r = resolver(s);
            assertEquals(new DnsResult.NxDomain<>(true), r.txt("_25._tcp.secure.example"));
            assertEquals(new DnsResult.NoData<>(true), r.mx("secure.example"));
            assertEquals(new DnsResult.NxDomain<>(false), r.txt("nx.insecure.example"));
            assertEquals(new DnsResult.NoData<>(false), r.mx("insecure.example"));
            assertEquals(new DnsResult.NxDomain<>(false), r.txt("alias.example"),
                    "a chain is authenticated only when every response was");
            assertEquals(new DnsResult.NxDomain<>(true), r.txt("_25._tcp.secure.example"), "the cache keeps the bit");
        }
    }

    @Test
    @Tag("1035-4.2.1")
    void aTruncatedAnswerIsAskedAgainOverTcp_rfc1035_4_2_1() throws Exception {
        try (ScriptedDnsServer s = ScriptedDnsServer.answering((q, tcp) -> {
            Message r = ScriptedDnsServer.response(q);
            if (!tcp) {
                r.getHeader().setFlag(Flags.TC);
                return Optional.of(r);
            }
            r.addRecord(new TXTRecord(q.getQuestion().getName(), DClass.IN, 300, List.of("over ", "tcp")), Section.ANSWER);
            return Optional.of(r);
        })) {
            assertEquals(List.of("over tcp"), resolver(s).txt("t.example").recordsOrEmpty());
            assertEquals(1, s.udpQueries());
            assertEquals(1, s.tcpQueries());
        }
    }

    @Test
    @Tag("1035-4.2.1")
    void troubleOverTcpIsATemporaryFailure_rfc1035_4_2_1() throws Exception {
        try (ScriptedDnsServer s = ScriptedDnsServer.udpOnly((q, tcp) -> {
            Message r = ScriptedDnsServer.response(q);
            r.getHeader().setFlag(Flags.TC);
            return Optional.of(r);
        })) {
            DnsResult<String> r = resolver(s).txt("t.example");
            assertInstanceOf(DnsResult.TempFail.class, r);
            assertFalse(r.isEmpty());
        }
    }

    @Test
    @Tag("1035-4.1.1")
    void errorRcodesAreTemporaryFailuresAndTheNextServerIsAsked_rfc1035_4_1_1() throws Exception {
        for (int rcode : new int[] {Rcode.SERVFAIL, Rcode.REFUSED, Rcode.NOTIMP, Rcode.FORMERR}) {
            try (ScriptedDnsServer bad = ScriptedDnsServer.answering((q, tcp) -> Optional.of(ScriptedDnsServer.response(q, rcode)));
                    ScriptedDnsServer good = ScriptedDnsServer.answering((q, tcp) -> Optional.of(withA(q, "h.example.", "192.0.2.5", 300)))) {
                DnsResult<InetAddress> alone = resolver(bad).a("h.example");
                assertTrue(alone instanceof DnsResult.TempFail<InetAddress> t && t.reason().contains(Rcode.string(rcode)), alone.toString());
                assertEquals(1, bad.udpQueries(), "an error RCODE is an answer: not asked again");
                assertEquals(List.of(ip("192.0.2.5")), resolver(bad, good).a("h.example").recordsOrEmpty());
            }
        }
    }

    @Test
    @Tag("1035-7.2")
    void aTimeoutIsRetriedTheConfiguredNumberOfTimes_rfc1035_7_2() throws Exception {
        try (ScriptedDnsServer silent = ScriptedDnsServer.silent()) {
            DnsjavaResolver r = new DnsjavaResolver(new DnsConfig(List.of(silent.address()), Duration.ofMillis(150), 2, 0),
                    System::nanoTime);
            DnsResult<InetAddress> a = r.a("h.example");
            assertTrue(a instanceof DnsResult.TempFail<InetAddress> t && t.reason().contains("timeout"), a.toString());
            assertEquals(3, silent.udpQueries(), "one try and two retries");
        }
    }

    @Test
    @Tag("1034-3.6.2")
    void aliasChainsSplitOverResponsesAreFollowedAndLoopsStop_rfc1034_3_6_2() throws Exception {
        try (ScriptedDnsServer s = ScriptedDnsServer.answering((q, tcp) -> {
            String name = q.getQuestion().getName().toString();
            Message r = ScriptedDnsServer.response(q);
            switch (name) {
                case "alias.example." -> r.addRecord(new CNAMERecord(q.getQuestion().getName(), DClass.IN, 60,
                        Name.fromConstantString("target.example.")), Section.ANSWER);
                case "target.example." -> r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 300, ip("192.0.2.9")),
                        Section.ANSWER);
                default -> r.addRecord(new CNAMERecord(q.getQuestion().getName(), DClass.IN, 60, // loop.example -> loop.example
                        q.getQuestion().getName()), Section.ANSWER);
            }
            return Optional.of(r);
        })) {
            DnsjavaResolver r = resolver(s);
            assertEquals(List.of(ip("192.0.2.9")), r.a("alias.example").recordsOrEmpty());
            assertEquals("target.example", r.a("alias.example").recordsOrEmpty().get(0).getHostName());
            assertEquals(2, r.sentCount(), "the target asked separately, then the answer cached");
            assertInstanceOf(DnsResult.TempFail.class, r.a("loop.example"));
        }
    }

    @Test
    @Tag("2308-5")
    void aNegativeAnswerWithoutSoaIsNotCachedAndAReferralIsNotNodata_rfc2308_5() throws Exception {
        try (ScriptedDnsServer s = ScriptedDnsServer.answering((q, tcp) -> {
            Message r = ScriptedDnsServer.response(q);
            if (q.getQuestion().getName().toString().startsWith("deleg")) {
                r.getHeader().unsetFlag(Flags.RA);
                r.addRecord(new NSRecord(q.getQuestion().getName(), DClass.IN, 300, Name.fromConstantString("ns.example.")),
                        Section.AUTHORITY);
            }
            return Optional.of(r);
        })) {
            AtomicLong now = new AtomicLong();
            DnsjavaResolver r = new DnsjavaResolver(new DnsConfig(List.of(s.address()), Duration.ofSeconds(2), 0, 100), now::get);
            assertInstanceOf(DnsResult.NoData.class, r.mx("nosoa.example"));
            assertInstanceOf(DnsResult.NoData.class, r.mx("nosoa.example"));
            assertEquals(2, r.sentCount(), "no SOA, no negative caching");
            assertInstanceOf(DnsResult.TempFail.class, r.mx("delegated.example"));
        }
    }

    @Test
    void recordsOfOtherNamesAndTypesInTheAnswerAreIgnored() throws Exception {
        try (ScriptedDnsServer s = ScriptedDnsServer.answering((q, tcp) -> {
            Message r = withA(q, "other.example.", "192.0.2.66", 300);
            r.addRecord(new TXTRecord(q.getQuestion().getName(), DClass.IN, 300, "not an address"), Section.ANSWER);
            return Optional.of(r);
        })) {
            assertInstanceOf(DnsResult.NoData.class, resolver(s).a("asked.example"));
        }
    }

    @Test
    void recordTypeCodesAreDnsjavasTypeNumbers() {
        for (smtp.dns.RecordType t : smtp.dns.RecordType.values()) {
            assertEquals(Type.value(t.name()), t.code(), t.name());
        }
    }

    static InetAddress ip(String text) {
        return DnsNames.ip(text).orElseThrow();
    }
}
