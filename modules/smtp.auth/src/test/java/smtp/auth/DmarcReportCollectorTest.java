package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class DmarcReportCollectorTest {

    @Test
    @Tag("7489-7.2")
    void aggregatesPerDomainAndDayAndWritesAppendixCXml_rfc7489_7_2() throws Exception {
        ZoneResolver z = new ZoneResolver().txt("_dmarc.example.com", "v=DMARC1; p=reject; pct=100; rua=mailto:agg@example.com")
                .txt("_dmarc.example.net", "v=DMARC1; p=none");
        DmarcVerifier v = new DmarcVerifier(z);
        DmarcSpfResult spf = new DmarcSpfResult("example.com", SpfIdentity.MAILFROM, SpfResult.PASS);
        DmarcEvaluation pass = v.evaluate("example.com", Optional.of(spf), List.of(new DmarcDkimResult("example.com", "s1", DmarcDkimResult.Verdict.PASS)));
        DmarcEvaluation fail = v.evaluate("example.com", Optional.empty(), List.of());
        DmarcEvaluation other = v.evaluate("example.net", Optional.empty(), List.of());
        DmarcEvaluation none = v.evaluate("nothing.example", Optional.empty(), List.of());
        DmarcReportCollector c = new DmarcReportCollector(new DmarcReporter("mx.example.org", "dmarc@example.org", ""), Duration.ofDays(1));
        Instant day = Instant.parse("2025-03-01T10:00:00Z");
        InetAddress ip = InetAddress.getByName("192.0.2.1");
        assertTrue(c.record(pass, ip, Optional.of("example.org"), day));
        assertTrue(c.record(pass, ip, Optional.of("example.org"), day.plusSeconds(60)));
        assertTrue(c.record(fail, InetAddress.getByName("198.51.100.9"), Optional.empty(), day));
        assertTrue(c.record(other, ip, Optional.empty(), day));
        assertFalse(c.record(none, ip, Optional.empty(), day), "no policy: not reportable");
        assertEquals(List.of(), c.drainCompleted(day.plusSeconds(3600)), "the day is not over");
        List<DmarcAggregateReport> reports = c.drainCompleted(Instant.parse("2025-03-02T00:00:00Z"));
        assertEquals(2, reports.size());
        DmarcAggregateReport r = reports.get(0);
        assertEquals("example.com", r.policyDomain());
        assertEquals(3, r.messageCount());
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), r.begin());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.toXml().getBytes(StandardCharsets.UTF_8)));
        Element feedback = doc.getDocumentElement();
        assertEquals("feedback", feedback.getTagName());
        assertEquals("mx.example.org", text(feedback, "org_name"));
        assertEquals("1740787200", text(feedback, "begin"));
        assertEquals("reject", text(feedback, "p"));
        assertEquals(2, feedback.getElementsByTagName("record").getLength());
        Element first = (Element) feedback.getElementsByTagName("record").item(0);
        assertEquals("2", text(first, "count"));
        assertEquals("none", text(first, "disposition"));
        assertEquals("pass", text((Element) first.getElementsByTagName("policy_evaluated").item(0), "dkim"));
        assertEquals("example.org", text(first, "envelope_to"));
        assertEquals("s1", text(first, "selector"));
        assertEquals("mfrom", text(first, "scope"));
        Element second = (Element) feedback.getElementsByTagName("record").item(1);
        assertEquals("reject", text(second, "disposition"));
        assertEquals("none", text((Element) second.getElementsByTagName("spf").item(1), "result"));
        assertEquals(List.of(), c.drainCompleted(Instant.parse("2025-03-03T00:00:00Z")), "drained once");
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }
}
