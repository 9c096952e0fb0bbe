package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.DnsResult;
import smtp.dns.Resolver;
import smtp.dns.testing.NsdServer;
import smtp.wire.HeaderSection;

/**
 * SPF, DKIM and DMARC over real DNS: smtp.dns's network resolver asks NSD (Debian's
 * authoritative server, started by the shared {@link NsdServer} fixture on a loopback port),
 * so every answer went through a real DNS message, UDP (or TCP), and a zone file. Skipped when
 * NSD is missing, failed in CI ({@code smtp.dns.testing.Interop}).
 */
class RealDnsAuthenticationTest {

    /** A 2048-bit RSA key; its record (about 400 octets) must be split into several strings. */
    static final DkimSigningKey KEY = DkimKeys.rsa("auth.test", "big");
    static final int STRING_LENGTH = 120; // RFC 1035 §3.3: a character-string holds at most 255 octets

    static NsdServer nsd;
    static Resolver dns;
    static int keyStrings;

    @BeforeAll
    static void startNsd() throws Exception {
        List<String> strings = new ArrayList<>();
        String record = KEY.keyRecord();
        for (int i = 0; i < record.length(); i += STRING_LENGTH) {
            strings.add("\"" + record.substring(i, Math.min(record.length(), i + STRING_LENGTH)) + "\"");
        }
        keyStrings = strings.size();
        // SOA and NS are given: the fixture adds them only when the text has no word SOA/NS, and
        // base64 key text could contain one.
        nsd = NsdServer.builder().zone("auth.test", """
                @               SOA  ns.auth.test. hostmaster.auth.test. 1 3600 600 86400 60
                @               NS   ns.auth.test.
                ns              A    127.0.0.1
                mail            A    192.0.2.25
                ; SPF: an include chain, two levels deep
                @               TXT  "v=spf1 include:_spf.auth.test -all"
                _spf            TXT  "v=spf1 include:_netblocks.auth.test ~all"
                _netblocks      TXT  "v=spf1 ip4:192.0.2.0/25 ip6:2001:db8:25::/48 -all"
                ; SPF: void lookups (nx1, nx2 do not exist; nodata has no MX)
                nodata          A    192.0.2.99
                void2           TXT  "v=spf1 a:nx1.auth.test mx:nodata.auth.test ip4:192.0.2.200 -all"
                void3           TXT  "v=spf1 a:nx1.auth.test mx:nodata.auth.test exists:nx2.auth.test ip4:192.0.2.200 -all"
                ; DMARC at the Organizational Domain only; news.auth.test has none of its own
                _dmarc          TXT  "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@auth.test"
                news            A    192.0.2.26
                ; DKIM: the key record in several character-strings
                big._domainkey  TXT  ( %s )
                """.formatted(String.join("\n                                       ", strings)))
                .zone("other.test", "www A 192.0.2.1\n") // no DMARC record anywhere
                .start();
        dns = nsd.resolver();
    }

    @AfterAll
    static void stopNsd() {
        if (nsd != null) {
            nsd.close();
        }
    }

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // a literal: no lookup
    }

    @Test
    @Tag("7208-5.2")
    void spfFollowsAnIncludeChainOverRealDns_rfc7208_5_2() throws Exception {
        SpfVerifier spf = new SpfVerifier(dns);
        SpfOutcome pass = spf.checkMailFrom(ip("192.0.2.10"), "bounce@auth.test", "mail.auth.test");
        assertEquals(SpfResult.PASS, pass.result(), pass.reason());
        assertEquals(Optional.of("include:_spf.auth.test"), pass.mechanism());
        SpfOutcome v6 = spf.checkMailFrom(ip("2001:db8:25::7"), "bounce@auth.test", "mail.auth.test");
        assertEquals(SpfResult.PASS, v6.result(), v6.reason());
        // _netblocks fails, so its include does not match; _spf's ~all softfails, so neither does
        // that include; the top record's -all decides
        SpfOutcome fail = spf.checkMailFrom(ip("192.0.2.130"), "bounce@auth.test", "mail.auth.test");
        assertEquals(SpfResult.FAIL, fail.result(), fail.reason());
        assertEquals(Optional.of("-all"), fail.mechanism());
        assertTrue(fail.explanation().isPresent());
        assertEquals(SpfResult.NONE, spf.checkMailFrom(ip("192.0.2.10"), "a@nx1.auth.test", "mail.auth.test").result(),
                "NXDOMAIN from NSD: no record");
    }

    @Test
    @Tag("7208-4.6.4d")
    void voidLookupsAnsweredByNsdAreCounted_rfc7208_4_6_4() throws Exception {
        assertInstanceOf(DnsResult.NxDomain.class, dns.a("nx1.auth.test"));
        assertInstanceOf(DnsResult.NoData.class, dns.mx("nodata.auth.test"));
        SpfVerifier spf = new SpfVerifier(dns);
        // two void lookups (an NXDOMAIN and a NODATA) are allowed
        SpfOutcome two = spf.checkHost(SpfIdentity.MAILFROM, ip("192.0.2.200"), "void2.auth.test", "x@void2.auth.test", "h.test");
        assertEquals(SpfResult.PASS, two.result(), two.reason());
        // the third is a permerror, before the ip4: that would have matched
        SpfOutcome three = spf.checkHost(SpfIdentity.MAILFROM, ip("192.0.2.200"), "void3.auth.test", "x@void3.auth.test", "h.test");
        assertEquals(SpfResult.PERMERROR, three.result(), three.reason());
        assertTrue(three.reason().contains("void lookups"), three.reason());
    }

    @Test
    @Tag("6376-3.6.2.2")
    void aKeyRecordSplitIntoSeveralStringsIsConcatenated_rfc6376_3_6_2_2() {
        assertTrue(keyStrings >= 3, "the zone holds the record in " + keyStrings + " strings");
        assertEquals(List.of(KEY.keyRecord()), dns.txt(KEY.keyName()).recordsOrEmpty());
    }

    @Test
    @Tag("6376-6.1.2")
    void dkimVerifiesWithA2048BitKeyFetchedFromNsd_rfc6376_6_1_2() {
        byte[] message = message("news@news.auth.test");
        byte[] signed = DkimSignerTest.prepend(new DkimSigner(KEY).sign(message), message);
        List<DkimResult> results = new DkimVerifier(dns).verify(signed);
        assertEquals("pass", DkimTestData.summary(results));
        DkimResult.Pass pass = (DkimResult.Pass) results.get(0);
        assertEquals(2048, pass.key().keyBits());
        // a changed body fails against the same real key
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("lunch", "LUNCH").getBytes(StandardCharsets.UTF_8);
        assertEquals("fail", new DkimVerifier(dns).verify(tampered).get(0).keyword());
    }

    @Test
    @Tag("7489-6.6.3")
    void dmarcDiscoversThePolicyAtTheOrganizationalDomainOverRealDns_rfc7489_6_6_3() throws Exception {
        byte[] message = message("news@news.auth.test");
        byte[] signed = DkimSignerTest.prepend(new DkimSigner(KEY).sign(message), message);
        HeaderSection header = HeaderSection.parse(signed).orElseThrow();
        DmarcVerifier dmarc = new DmarcVerifier(dns, DmarcConfig.defaults().withSampler(() -> 0));
        Optional<DmarcSpfResult> spf = Optional.of(DmarcSpfResult.of(
                new SpfVerifier(dns).checkMailFrom(ip("192.0.2.10"), "bounce@auth.test", "mail.auth.test")));

        // relaxed alignment: SPF for auth.test and DKIM d=auth.test both align with news.auth.test
        DmarcEvaluation pass = dmarc.evaluate(header, spf, dmarcDkim(new DkimVerifier(dns).verify(signed)));
        assertEquals(DmarcResult.PASS, pass.result(), pass.reason());
        assertEquals("news.auth.test", pass.fromDomain());
        assertEquals(Optional.of("auth.test"), pass.policyDomain(), "_dmarc.news.auth.test does not exist");
        assertTrue(pass.spfAligned() && pass.dkimAligned());

        // neither passes: the Organizational Domain's sp= applies to the sub-domain
        Optional<DmarcSpfResult> spfFail = Optional.of(DmarcSpfResult.of(
                new SpfVerifier(dns).checkMailFrom(ip("198.51.100.1"), "bounce@auth.test", "mail.auth.test")));
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("lunch", "LUNCH").getBytes(StandardCharsets.UTF_8);
        DmarcEvaluation fail = dmarc.evaluate(header, spfFail, dmarcDkim(new DkimVerifier(dns).verify(tampered)));
        assertEquals(DmarcResult.FAIL, fail.result(), fail.reason());
        assertEquals(DmarcPolicy.QUARANTINE, fail.disposition());
        assertFalse(fail.spfAligned() || fail.dkimAligned());

        // no record at the From: domain (NXDOMAIN) nor at its Organizational Domain (NXDOMAIN)
        assertEquals(DmarcResult.NONE, dmarc.evaluate("www.other.test", spf, List.of()).result());
        assertEquals(DmarcResult.TEMPERROR, dmarc.evaluate("not-served.example", spf, List.of()).result(),
                "NSD refuses names outside its zones: unknown, never none");
    }

    static byte[] message(String from) {
        return ("From: News <" + from + ">\r\n"
                + "To: reader@example.org\r\n"
                + "Subject: lunch over real DNS\r\n"
                + "Date: Mon, 2 Feb 2026 12:00:00 +0000\r\n"
                + "Message-ID: <real-dns@news.auth.test>\r\n"
                + "\r\n"
                + "Shall we have lunch at noon?\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static List<DmarcDkimResult> dmarcDkim(List<DkimResult> results) {
        List<DmarcDkimResult> out = new ArrayList<>();
        for (DkimResult r : results) {
            DkimSignature sig = r.signature().orElseThrow();
            out.add(new DmarcDkimResult(sig.domain(), sig.selector(),
                    DmarcDkimResult.Verdict.valueOf(r.keyword().toUpperCase(Locale.ROOT))));
        }
        return out;
    }
}
