package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DMARC evaluation; the cases of shared/conformance-data/dmarc/dmarc-cases.md (part A: the
 * stalwart mail-auth tests, RFC 7489 parts only) with the From: hello@example.org.
 */
class DmarcVerifierTest {

    static final String RUA = "; fo=1; rua=mailto:d@example.org";

    static DmarcVerifier verifier(ZoneResolver z, int draw) {
        return new DmarcVerifier(z, DmarcConfig.defaults().withSampler(() -> draw));
    }

    static DmarcSpfResult spf(String domain, SpfResult r) {
        return new DmarcSpfResult(domain, SpfIdentity.MAILFROM, r);
    }

    static DmarcDkimResult dkim(String d, DmarcDkimResult.Verdict v) {
        return new DmarcDkimResult(d, "sel", v);
    }

    @Test
    @Tag("7489-3.1")
    void strictAndRelaxedAlignmentOfStalwartCases_rfc7489_3_1() {
        ZoneResolver strict = new ZoneResolver().txt("_dmarc.example.org", "v=DMARC1; p=reject; aspf=s; adkim=s" + RUA);
        ZoneResolver relaxed = new ZoneResolver().txt("_dmarc.example.org", "v=DMARC1; p=reject; aspf=r; adkim=r" + RUA);
        // case 1: strict, identical domains
        DmarcEvaluation c1 = verifier(strict, 0).evaluate("example.org", Optional.of(spf("example.org", SpfResult.PASS)),
                List.of(dkim("example.org", DmarcDkimResult.Verdict.PASS)));
        assertEquals(DmarcResult.PASS, c1.result());
        assertTrue(c1.spfAligned() && c1.dkimAligned());
        // case 2: relaxed, sub-domains
        DmarcEvaluation c2 = verifier(relaxed, 0).evaluate("example.org", Optional.of(spf("subdomain.example.org", SpfResult.PASS)),
                List.of(dkim("subdomain.example.org", DmarcDkimResult.Verdict.PASS)));
        assertEquals(DmarcResult.PASS, c2.result());
        assertTrue(c2.spfAligned() && c2.dkimAligned());
        // case 3: strict, sub-domains: not aligned
        DmarcEvaluation c3 = verifier(strict, 0).evaluate("example.org", Optional.of(spf("subdomain.example.org", SpfResult.PASS)),
                List.of(dkim("subdomain.example.org", DmarcDkimResult.Verdict.PASS)));
        assertEquals(DmarcResult.FAIL, c3.result());
        assertFalse(c3.spfAligned() || c3.dkimAligned());
        assertEquals(DmarcPolicy.REJECT, c3.disposition());
        // case 4: both fail
        DmarcEvaluation c4 = verifier(strict, 0).evaluate("example.org", Optional.of(spf("example.org", SpfResult.FAIL)),
                List.of(dkim("example.org", DmarcDkimResult.Verdict.FAIL)));
        assertEquals(DmarcResult.FAIL, c4.result());
        assertEquals(DmarcPolicy.REJECT, c4.disposition());
    }

    @Test
    @Tag("7489-6.6.3")
    void policyDiscoveryFallsBackToTheOrganizationalDomain_rfc7489_6_6_3() {
        ZoneResolver z = new ZoneResolver().txt("_dmarc.example.org", "v=DMARC1; p=reject; sp=quarantine; np=none" + RUA)
                .a("sub.example.org", "192.0.2.1")
                .txt("_dmarc.monitor.example", "v=DMARC1; rua=mailto:d@example.org");
        DmarcVerifier v = verifier(z, 0);
        DmarcEvaluation top = v.evaluate("example.org", Optional.empty(), List.of());
        assertEquals(DmarcPolicy.REJECT, top.disposition());
        DmarcEvaluation sub = v.evaluate("sub.example.org", Optional.empty(), List.of());
        assertEquals(DmarcPolicy.QUARANTINE, sub.disposition());
        assertEquals(Optional.of("example.org"), sub.policyDomain());
        // RFC 7489 has no np= (a DMARCbis tag): a non-existent sub-domain also gets sp=
        assertEquals(DmarcPolicy.QUARANTINE, v.evaluate("ghost.example.org", Optional.empty(), List.of()).disposition());
        // no p= but a valid rua=: treated as p=none
        DmarcEvaluation monitor = v.evaluate("monitor.example", Optional.empty(), List.of());
        assertEquals(DmarcResult.FAIL, monitor.result());
        assertEquals(DmarcPolicy.NONE, monitor.disposition());
        // no record anywhere
        assertEquals(DmarcResult.NONE, v.evaluate("nothing.example", Optional.empty(), List.of()).result());
    }

    @Test
    @Tag("7489-6.6.3")
    void dnsErrorsAndSeveralRecords_rfc7489_6_6_3() {
        ZoneResolver z = new ZoneResolver().timeout("_dmarc.down.example")
                .txt("_dmarc.twice.example", "v=DMARC1; p=reject").txt("_dmarc.twice.example", "v=DMARC1; p=none")
                .txt("_dmarc.bad.example", "v=DMARC1; p=maybe")
                .txt("_dmarc.mixed.example", "v=spf1 -all").txt("_dmarc.mixed.example", "v=DMARC1; p=reject");
        DmarcVerifier v = verifier(z, 0);
        assertEquals(DmarcResult.TEMPERROR, v.evaluate("down.example", Optional.empty(), List.of()).result());
        assertEquals(DmarcResult.PERMERROR, v.evaluate("bad.example", Optional.empty(), List.of()).result());
        assertEquals(DmarcPolicy.NONE, v.evaluate("bad.example", Optional.empty(), List.of()).disposition());
        assertEquals(DmarcPolicy.REJECT, v.evaluate("mixed.example", Optional.empty(), List.of()).disposition());
    }

    @Test
    @Tag("7489-6.6.3")
    void severalRecordsStopDiscoveryAndDmarcIsNotApplied_rfc7489_6_6_3_step5() {
        // §6.6.3 step 5: "If the remaining set contains multiple records or no records, policy
        // discovery terminates and DMARC processing is not applied to this message."
        ZoneResolver z = new ZoneResolver()
                .txt("_dmarc.twice.example", "v=DMARC1; p=reject").txt("_dmarc.twice.example", "v=DMARC1; p=none")
                .txt("_dmarc.example.net", "v=DMARC1; p=reject")
                .txt("_dmarc.sub.example.net", "v=DMARC1; p=reject").txt("_dmarc.sub.example.net", "v=DMARC1; p=quarantine");
        DmarcVerifier v = verifier(z, 0);
        DmarcEvaluation twice = v.evaluate("twice.example", Optional.empty(), List.of());
        assertEquals(DmarcResult.NONE, twice.result());
        assertEquals(DmarcPolicy.NONE, twice.disposition());
        assertTrue(twice.reason().contains("2 DMARC records"), twice.reason());
        // several at the Author Domain: discovery stops there, the Organizational Domain's p=reject is not asked
        DmarcEvaluation sub = v.evaluate("sub.example.net", Optional.empty(), List.of());
        assertEquals(DmarcResult.NONE, sub.result());
        assertEquals(DmarcPolicy.NONE, sub.disposition());
    }

    @Test
    @Tag("7489-3.1")
    void nullReversePathAlignsTheHeloDomain_rfc7489_3_1() throws Exception { // address literals: no DNS
        // RFC 7489 §3.1.2 and RFC 7208 §2.4: with MAIL FROM:<> the SPF identity DMARC aligns is the HELO domain
        ZoneResolver z = new ZoneResolver()
                .txt("mail.example.com", "v=spf1 ip4:192.0.2.25 -all")
                .txt("_dmarc.example.com", "v=DMARC1; p=reject")
                .txt("_dmarc.strict.example.com", "v=DMARC1; p=reject; aspf=s")
                .txt("_dmarc.mail.example.com", "v=DMARC1; p=reject; aspf=s");
        java.net.InetAddress client = java.net.InetAddress.getByName("192.0.2.25");
        SpfOutcome bounce = new SpfVerifier(z).checkMailFrom(client, "", "mail.example.com");
        assertEquals(SpfResult.PASS, bounce.result());
        DmarcSpfResult spf = DmarcSpfResult.of(bounce);
        assertEquals("mail.example.com", spf.domain());
        assertEquals(SpfIdentity.MAILFROM, spf.scope());
        DmarcVerifier v = verifier(z, 0);
        DmarcEvaluation relaxed = v.evaluate("example.com", Optional.of(spf), List.of());
        assertEquals(DmarcResult.PASS, relaxed.result(), relaxed.reason());
        assertTrue(relaxed.spfAligned());
        // aspf=s: the HELO domain must equal the From: domain
        DmarcEvaluation strictOther = v.evaluate("strict.example.com", Optional.of(spf), List.of());
        assertEquals(DmarcResult.FAIL, strictOther.result());
        assertFalse(strictOther.spfAligned());
        DmarcEvaluation strictSame = v.evaluate("mail.example.com", Optional.of(spf), List.of());
        assertEquals(DmarcResult.PASS, strictSame.result());
        assertTrue(strictSame.spfAligned());
        // a HELO domain that SPF does not pass is never aligned
        SpfOutcome forged = new SpfVerifier(z).checkMailFrom(java.net.InetAddress.getByName("198.51.100.1"), "", "mail.example.com");
        assertEquals(SpfResult.FAIL, forged.result());
        assertEquals(DmarcResult.FAIL, v.evaluate("example.com", Optional.of(DmarcSpfResult.of(forged)), List.of()).result());
    }

    @Test
    @Tag("7489-6.6.4")
    void pctSamplingLowersThePolicyForUnselectedMessages_rfc7489_6_6_4() {
        ZoneResolver z = new ZoneResolver().txt("_dmarc.example.com", "v=DMARC1; p=reject; pct=25")
                .txt("_dmarc.q.example", "v=DMARC1; p=quarantine; pct=0");
        DmarcEvaluation selected = verifier(z, 24).evaluate("example.com", Optional.empty(), List.of());
        assertEquals(DmarcPolicy.REJECT, selected.disposition());
        assertFalse(selected.sampledOut());
        DmarcEvaluation notSelected = verifier(z, 25).evaluate("example.com", Optional.empty(), List.of());
        assertEquals(DmarcPolicy.QUARANTINE, notSelected.disposition());
        assertTrue(notSelected.sampledOut());
        assertEquals(DmarcPolicy.NONE, verifier(z, 0).evaluate("q.example", Optional.empty(), List.of()).disposition());
    }

    @Test
    @Tag("7489-4.2")
    void spfOrDkimAlignedPassIsEnough_rfc7489_4_2() {
        ZoneResolver z = new ZoneResolver().txt("_dmarc.example.com", "v=DMARC1; p=reject");
        DmarcVerifier v = verifier(z, 0);
        assertEquals(DmarcResult.PASS, v.evaluate("example.com", Optional.of(spf("bounce.example.com", SpfResult.PASS)),
                List.of(dkim("example.com", DmarcDkimResult.Verdict.FAIL))).result());
        assertEquals(DmarcResult.PASS, v.evaluate("example.com", Optional.of(spf("other.example", SpfResult.PASS)),
                List.of(dkim("other.example", DmarcDkimResult.Verdict.PASS), dkim("mail.example.com", DmarcDkimResult.Verdict.PASS))).result());
        assertEquals(DmarcResult.FAIL, v.evaluate("example.com", Optional.of(spf("example.com", SpfResult.SOFTFAIL)),
                List.of(dkim("other.example", DmarcDkimResult.Verdict.PASS))).result());
    }

    @Test
    @Tag("7489-6.6.1")
    void authorDomainRules_rfc7489_6_6_1() {
        ZoneResolver z = new ZoneResolver().txt("_dmarc.strict.example", "v=DMARC1; p=reject")
                .txt("_dmarc.soft.example", "v=DMARC1; p=quarantine").txt("_dmarc.ok.example", "v=DMARC1; p=reject");
        DmarcVerifier v = verifier(z, 0);
        DmarcEvaluation none = v.evaluate(0, List.of(), Optional.empty(), List.of());
        assertEquals(DmarcResult.PERMERROR, none.result());
        assertEquals(DmarcPolicy.REJECT, none.disposition());
        assertEquals(DmarcResult.PERMERROR, v.evaluate(2, List.of("ok.example", "ok.example"), Optional.empty(), List.of()).result());
        // one From: field, several mailboxes: the strictest policy among the failing checks
        DmarcEvaluation multi = v.evaluate(1, List.of("ok.example", "soft.example", "strict.example"), Optional.empty(),
                List.of(dkim("ok.example", DmarcDkimResult.Verdict.PASS)));
        assertEquals(DmarcResult.FAIL, multi.result());
        assertEquals(DmarcPolicy.REJECT, multi.disposition());
        assertEquals("strict.example", multi.fromDomain());
        assertEquals(DmarcResult.PASS, v.evaluate(1, List.of("OK.example"), Optional.empty(),
                List.of(dkim("ok.example", DmarcDkimResult.Verdict.PASS))).result());
    }

    @Test
    @Tag("7489-6.6.1")
    void readsTheAuthorDomainFromTheHeader_rfc7489_6_6_1() {
        ZoneResolver z = new ZoneResolver().txt("_dmarc.joe.com", "v=DMARC1; p=reject");
        DmarcVerifier v = verifier(z, 0);
        java.util.function.Function<String, smtp.wire.HeaderSection> h = text -> smtp.wire.HeaderSection
                .parse((text + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
        DmarcEvaluation e = v.evaluate(h.apply("From: \"Johnson, Joe\" <joe@joe.com>\r\nSubject: x\r\n"), Optional.empty(), List.of());
        assertEquals("joe.com", e.fromDomain());
        assertEquals(DmarcPolicy.REJECT, e.disposition());
        assertEquals(DmarcResult.PERMERROR, v.evaluate(h.apply("Subject: no from\r\n"), Optional.empty(), List.of()).result());
        assertEquals(DmarcResult.PERMERROR, v.evaluate(h.apply("From: a@joe.com\r\nFrom: b@joe.com\r\n"), Optional.empty(), List.of()).result());
    }
}
