package smtp.auth;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A DMARC aggregate report for one reporting (policy) domain and one period, RFC 7489 §7.2,
 * written as the XML of Appendix C. Producing the XML sends nothing anywhere.
 *
 * <h2>Standards</h2>
 * RFC 7489 §7.2 (aggregate reports), §7.2.1.1 (report IDs and the date range), Appendix C (schema).
 *
 * @param reporter     the reporting organization
 * @param reportId     {@code report_id}, unique per reporter
 * @param begin        start of the period (inclusive)
 * @param end          end of the period (exclusive)
 * @param policyDomain {@code policy_published/domain}
 * @param policy       the published record, as last seen in the period
 * @param rows         the records
 */
public record DmarcAggregateReport(DmarcReporter reporter, String reportId, Instant begin, Instant end,
                                   String policyDomain, DmarcRecord policy, List<DmarcReportRow> rows) {

    public DmarcAggregateReport {
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(policy, "policy");
        rows = List.copyOf(rows);
    }

    /** The total number of messages the report covers. */
    public long messageCount() {
        return rows.stream().mapToLong(DmarcReportRow::count).sum();
    }

    /** The report as Appendix C XML (UTF-8 declared), element order as the schema's sequences. */
    public String toXml() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("feedback");
            text(w, "version", "1.0");
            w.writeStartElement("report_metadata");
            text(w, "org_name", reporter.orgName());
            text(w, "email", reporter.email());
            if (!reporter.extraContactInfo().isEmpty()) {
                text(w, "extra_contact_info", reporter.extraContactInfo());
            }
            text(w, "report_id", reportId);
            w.writeStartElement("date_range");
            text(w, "begin", Long.toString(begin.getEpochSecond()));
            text(w, "end", Long.toString(end.getEpochSecond()));
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("policy_published");
            text(w, "domain", policyDomain);
            text(w, "adkim", policy.dkimAlignment().keyword());
            text(w, "aspf", policy.spfAlignment().keyword());
            text(w, "p", policy.policy().keyword());
            text(w, "sp", policy.subdomainPolicy().orElse(policy.policy()).keyword());
            text(w, "pct", Integer.toString(policy.percent()));
            text(w, "fo", String.join(":", policy.failureOptions()));
            w.writeEndElement();
            for (DmarcReportRow r : rows) {
                row(w, r);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("XML writer failed on a StringWriter", e);
        }
        return out.toString();
    }

    private static void row(XMLStreamWriter w, DmarcReportRow r) throws XMLStreamException {
        w.writeStartElement("record");
        w.writeStartElement("row");
        text(w, "source_ip", r.sourceIp());
        text(w, "count", Long.toString(r.count()));
        w.writeStartElement("policy_evaluated");
        text(w, "disposition", r.disposition().keyword());
        text(w, "dkim", r.dkimAligned() ? "pass" : "fail");
        text(w, "spf", r.spfAligned() ? "pass" : "fail");
        if (r.sampledOut()) {
            w.writeStartElement("reason");
            text(w, "type", "sampled_out");
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement("identifiers");
        if (r.envelopeTo().isPresent()) {
            text(w, "envelope_to", r.envelopeTo().get());
        }
        text(w, "header_from", r.headerFrom());
        w.writeEndElement();
        w.writeStartElement("auth_results");
        for (DmarcDkimResult d : r.dkim()) {
            w.writeStartElement("dkim");
            text(w, "domain", d.domain());
            if (!d.selector().isEmpty()) {
                text(w, "selector", d.selector());
            }
            text(w, "result", d.verdict().keyword());
            w.writeEndElement();
        }
        // Appendix C: auth_results holds at least one spf element; "none" when SPF was not checked
        DmarcSpfResult spf = r.spf().orElse(new DmarcSpfResult("", SpfIdentity.MAILFROM, SpfResult.NONE));
        w.writeStartElement("spf");
        text(w, "domain", spf.domain());
        text(w, "scope", spf.scope() == SpfIdentity.HELO ? "helo" : "mfrom");
        text(w, "result", spf.result().keyword());
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
