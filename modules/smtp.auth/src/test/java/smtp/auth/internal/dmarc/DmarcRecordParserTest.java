package smtp.auth.internal.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.auth.DmarcAlignment;
import smtp.auth.DmarcPolicy;
import smtp.auth.DmarcRecord;

class DmarcRecordParserTest {

    static DmarcRecord valid(String txt) {
        DmarcRecordParser.Result r = DmarcRecordParser.parse(txt);
        assertInstanceOf(DmarcRecordParser.Result.Valid.class, r, () -> txt + ": " + r);
        return ((DmarcRecordParser.Result.Valid) r).record();
    }

    @Test
    @Tag("7489-6.3")
    void parsesEveryTag_rfc7489_6_3() {
        DmarcRecord r = valid("v=DMARC1; p=Reject; sp=quarantine; adkim=s; aspf=r; pct=20; "
                + "rua=mailto:agg@example.com,mailto:agg2@example.net!10m; ruf=mailto:f@example.com; fo=1:d; rf=afrf; ri=3600;");
        assertEquals(DmarcPolicy.REJECT, r.policy());
        assertEquals(Optional.of(DmarcPolicy.QUARANTINE), r.subdomainPolicy());
        assertEquals(DmarcAlignment.STRICT, r.dkimAlignment());
        assertEquals(DmarcAlignment.RELAXED, r.spfAlignment());
        assertEquals(20, r.percent());
        assertEquals(List.of("mailto:agg@example.com", "mailto:agg2@example.net!10m"), r.aggregateUris());
        assertEquals(List.of("1", "d"), r.failureOptions());
        assertEquals(3600, r.reportInterval());
    }

    @Test
    @Tag("7489-6.3")
    void absentTagsTakeTheirDefaults_rfc7489_6_3() {
        DmarcRecord r = valid("v=DMARC1;p=none");
        assertEquals(Optional.empty(), r.subdomainPolicy());
        assertEquals(DmarcAlignment.RELAXED, r.dkimAlignment());
        assertEquals(100, r.percent());
        assertEquals(List.of("0"), r.failureOptions());
        assertEquals(List.of("afrf"), r.reportFormats());
        assertEquals(86400, r.reportInterval());
        assertEquals(DmarcPolicy.NONE, r.policyFor(true));
    }

    @Test
    @Tag("7489-6.3")
    void versionMustComeFirstAndMatchExactly_rfc7489_6_3() {
        assertTrue(DmarcRecordParser.isDmarc("v = DMARC1 ; p=none"));
        assertFalse(DmarcRecordParser.isDmarc("v=dmarc1; p=none"));
        assertFalse(DmarcRecordParser.isDmarc("p=none; v=DMARC1"));
        assertFalse(DmarcRecordParser.isDmarc("v=DMARC10; p=none"));
        assertInstanceOf(DmarcRecordParser.Result.NotDmarc.class, DmarcRecordParser.parse("v=spf1 -all"));
    }

    @Test
    @Tag("7489-6.6.3")
    void invalidPolicyWithRuaActsAsNone_rfc7489_6_6_3() {
        assertEquals(DmarcPolicy.NONE, valid("v=DMARC1; rua=mailto:d@example.org").policy());
        assertEquals(DmarcPolicy.NONE, valid("v=DMARC1; p=bogus; rua=mailto:d@example.org").policy());
        assertEquals(Optional.empty(), valid("v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.org").subdomainPolicy());
        assertInstanceOf(DmarcRecordParser.Result.Invalid.class, DmarcRecordParser.parse("v=DMARC1; p=bogus"));
        assertInstanceOf(DmarcRecordParser.Result.Invalid.class, DmarcRecordParser.parse("v=DMARC1; sp=reject"));
        assertInstanceOf(DmarcRecordParser.Result.Invalid.class, DmarcRecordParser.parse("v=DMARC1; p=none; p=reject"));
    }

    @Test
    @Tag("7489-6.3")
    void invalidOptionalTagsFallBackToDefaults_rfc7489_6_3() {
        DmarcRecordParser.Result r = DmarcRecordParser.parse("v=DMARC1; p=quarantine; pct=150; adkim=x; fo=9; ri=soon; unknown=tag");
        DmarcRecord rec = ((DmarcRecordParser.Result.Valid) r).record();
        assertEquals(100, rec.percent());
        assertEquals(DmarcAlignment.RELAXED, rec.dkimAlignment());
        assertEquals(4, ((DmarcRecordParser.Result.Valid) r).warnings().size());
    }

    @Test
    @Tag("7489-6.3")
    void noInputMakesTheParserThrow_rfc7489_6_3() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(s -> {
            DmarcRecordParser.parse(s);
            DmarcRecordParser.parse("v=DMARC1; " + s);
            DmarcRecordParser.parse("v=DMARC1; p=none; rua=" + s);
        });
    }

    @Test
    @Tag("7489-3.1")
    void alignmentCasesOfOpenDmarcTestAlignment_rfc7489_3_1() {
        smtp.auth.PublicSuffixList psl = smtp.auth.PublicSuffixList.bundled();
        assertTrue(Alignment.aligned("a.b.c.bcx.com", "bcx.com", DmarcAlignment.RELAXED, psl));
        assertFalse(Alignment.aligned("a.b.c.edu.ar", "edr.au", DmarcAlignment.STRICT, psl));
        assertFalse(Alignment.aligned("oooo.com", "ooo.com", DmarcAlignment.STRICT, psl));
        assertTrue(Alignment.aligned("a.foo.com", "b.foo.com", DmarcAlignment.RELAXED, psl));
        assertTrue(Alignment.aligned(".mac.com.", "mac.com", DmarcAlignment.STRICT, psl));
        assertTrue(Alignment.aligned("....mac.com....", "mac.com", DmarcAlignment.STRICT, psl));
        assertFalse(Alignment.aligned("mac...com", "..com", DmarcAlignment.STRICT, psl));
        assertTrue(Alignment.aligned("a.b.com", "b.com", DmarcAlignment.RELAXED, psl));
        assertTrue(Alignment.aligned("b.com", "a.b.com", DmarcAlignment.RELAXED, psl));
        assertTrue(Alignment.aligned("a.b.de", "a.b.de", DmarcAlignment.STRICT, psl));
        assertFalse(Alignment.aligned("a.foo.com", "b.foo.com", DmarcAlignment.STRICT, psl));
        assertFalse(Alignment.aligned("example.co.uk", "other.co.uk", DmarcAlignment.RELAXED, psl));
    }
}
