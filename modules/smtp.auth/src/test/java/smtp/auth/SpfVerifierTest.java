package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.DnsResult;
import smtp.dns.MxRecord;
import smtp.dns.Resolver;

class SpfVerifierTest {

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static ZoneResolver zone() {
        return new ZoneResolver()
                .txt("example.com", "v=spf1 include:_spf.example.com -all")
                .txt("_spf.example.com", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all")
                .txt("mail.example.com", "v=spf1 a -all")
                .a("mail.example.com", "192.0.2.10")
                .txt("voids.example.com", "v=spf1 a:n1.example.com a:n2.example.com ?all");
    }

    @Test
    @Tag("7208-2.4")
    void mailFromUsesTheReversePathDomain_rfc7208_2_4() throws Exception {
        SpfVerifier spf = new SpfVerifier(zone());
        SpfOutcome pass = spf.checkMailFrom(ip("192.0.2.7"), "alice@example.com", "mail.example.com");
        assertEquals(SpfResult.PASS, pass.result());
        assertEquals(SpfIdentity.MAILFROM, pass.identity());
        assertEquals("example.com", pass.domain());
        assertEquals(Optional.of("include:_spf.example.com"), pass.mechanism());
        SpfOutcome fail = spf.checkMailFrom(ip("198.51.100.1"), "alice@example.com", "mail.example.com");
        assertEquals(SpfResult.FAIL, fail.result());
        assertEquals(Optional.of("example.com does not designate 198.51.100.1 as a permitted sender"), fail.explanation());
    }

    @Test
    @Tag("7208-2.4")
    void nullReversePathChecksPostmasterAtHelo_rfc7208_2_4() throws Exception {
        SpfOutcome o = new SpfVerifier(zone()).checkMailFrom(ip("192.0.2.10"), "", "mail.example.com");
        assertEquals(SpfResult.PASS, o.result());
        assertEquals("postmaster@mail.example.com", o.sender());
        assertEquals("mail.example.com", o.senderDomain());
    }

    @Test
    @Tag("7208-2.3")
    void heloIdentityAndLiteralsGiveNone_rfc7208_2_3() throws Exception {
        SpfVerifier spf = new SpfVerifier(zone());
        assertEquals(SpfResult.FAIL, spf.checkHelo(ip("192.0.2.11"), "mail.example.com").result());
        assertEquals(SpfIdentity.HELO, spf.checkHelo(ip("192.0.2.11"), "mail.example.com").identity());
        assertEquals(SpfResult.NONE, spf.checkHelo(ip("192.0.2.11"), "[192.0.2.11]").result());
        assertEquals(SpfResult.NONE, spf.checkHelo(ip("192.0.2.11"), "localhost").result());
    }

    @Test
    @Tag("7208-4.6.4d")
    void voidLookupLimitIsConfigurable_rfc7208_4_6_4() throws Exception {
        SpfConfig strict = new SpfConfig(10, 1, Duration.ofSeconds(20), SpfConfig.DEFAULT_EXPLANATION, "mx", Clock.systemUTC());
        assertEquals(SpfResult.PERMERROR, new SpfVerifier(zone(), strict).checkMailFrom(ip("192.0.2.1"), "a@voids.example.com", "h.example").result());
        assertEquals(SpfResult.NEUTRAL, new SpfVerifier(zone()).checkMailFrom(ip("192.0.2.1"), "a@voids.example.com", "h.example").result());
    }

    /** A resolver whose every query takes 15 seconds of a manual clock. */
    static final class SlowResolver implements Resolver {
        final Resolver inner;
        final MutableClock clock;

        SlowResolver(Resolver inner, MutableClock clock) {
            this.inner = inner;
            this.clock = clock;
        }

        @Override
        public DnsResult<MxRecord> mx(String d) {
            clock.advance(15);
            return inner.mx(d);
        }

        @Override
        public DnsResult<String> txt(String d) {
            clock.advance(15);
            return inner.txt(d);
        }

        @Override
        public DnsResult<InetAddress> a(String d) {
            clock.advance(15);
            return inner.a(d);
        }

        @Override
        public DnsResult<InetAddress> aaaa(String d) {
            clock.advance(15);
            return inner.aaaa(d);
        }

        @Override
        public DnsResult<String> ptr(InetAddress a) {
            clock.advance(15);
            return inner.ptr(a);
        }

        @Override
        public long queryCount() {
            return inner.queryCount();
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    @Tag("7208-4.6.4e")
    void elapsedTimeLimitGivesTemperror_rfc7208_4_6_4() throws Exception {
        MutableClock clock = new MutableClock();
        SpfVerifier spf = new SpfVerifier(new SlowResolver(zone(), clock), SpfConfig.defaults().withClock(clock));
        SpfOutcome o = spf.checkMailFrom(ip("198.51.100.1"), "alice@example.com", "h.example");
        assertEquals(SpfResult.TEMPERROR, o.result());
        assertTrue(o.reason().contains("time limit"), o.reason());
    }

    @Test
    @Tag("7208-4.4")
    void dnsTimeoutIsTemperror_rfc7208_4_4() throws Exception {
        ZoneResolver z = zone().timeout("down.example.com");
        assertEquals(SpfResult.TEMPERROR, new SpfVerifier(z).checkMailFrom(ip("192.0.2.1"), "a@down.example.com", "h.example").result());
    }
}
