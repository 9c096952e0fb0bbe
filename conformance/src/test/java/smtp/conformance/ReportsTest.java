package smtp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReportsTest {

    static final String NASTY = "a|b <c> & \"d\" 'e' ]]> \u0000\u0007\u001b \uD83D\uDCE7 \uD800 `x` \r\n end";

    static RunResult run() {
        Scenario s = BuiltInScenario.get("rcpt-before-mail-503");
        Scenario should = BuiltInScenario.get("help-211-214");
        Scenario na = BuiltInScenario.get("auth-plain");
        return new RunResult(Target.of("127.0.0.1", 2525), "220 " + NASTY, List.of("SIZE 1000", NASTY), List.of(
                new ScenarioResult(s, new Outcome.Fail(5, "S: 503", "250 " + NASTY), Duration.ofMillis(12),
                        List.of("S: 220 x", "C: RCPT TO:<Postmaster>", "S: 250 " + NASTY, "C: ```")),
                new ScenarioResult(should, new Outcome.Fail(5, "S: 211 | 214", "500 no"), Duration.ofMillis(3), List.of()),
                new ScenarioResult(na, new Outcome.NotApplicable("needs --user and --password " + NASTY), Duration.ZERO, List.of()),
                new ScenarioResult(BuiltInScenario.get("rset-250"), new Outcome.Pass(), Duration.ofMillis(1), List.of())),
                Duration.ofSeconds(2), Optional.empty());
    }

    /** Access to built-in scenarios by id for report fixtures. */
    static final class BuiltInScenario {
        static Scenario get(String id) {
            return ConformanceRunner.builtInScenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        }
    }

    @Test
    void junitXmlIsWellFormedWhateverTheServerSent() throws Exception {
        String xml = Reports.junitXml(run());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("MUST", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").startsWith("step 5 S: 503: got 250 a|b <c> & \"d\" 'e' ]]>"),
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("C: RCPT TO:<Postmaster>"));
        assertEquals("SHOULD", ((Element) doc.getElementsByTagName("failure").item(1)).getAttribute("type"));
        assertEquals(1, doc.getElementsByTagName("skipped").getLength());
    }

    @Test
    void markdownEscapesTableCellsAndFences() {
        String md = Reports.markdown(run());
        assertTrue(md.contains("| **FAIL** | MUST | `rcpt-before-mail-503`"), md);
        assertTrue(md.contains("a\\|b &lt;c&gt;"), "pipes and angle brackets escaped in cells:\n" + md);
        assertTrue(md.contains("C: `\u200b``"), "a fence inside a transcript cannot close the code block");
        assertTrue(md.contains("4 scenarios: 1 passed, 2 failed (1 MUST), 1 n/a; exit code 1"), md);
        for (String line : md.lines().toList()) {
            if (line.startsWith("| ")) {
                assertEquals(6, line.replace("\\|", "").chars().filter(c -> c == '|').count(), line);
            }
        }
    }

    @Test
    void summaryNamesFailuresWithTheReplySeen() {
        String text = Reports.summary(run());
        assertTrue(text.contains("FAIL   MUST   rcpt-before-mail-503"), text);
        assertTrue(text.contains("step 5 `S: 503`: got 250 a|b"), text);
        assertTrue(text.contains("n/a    MUST   auth-plain"), text);
    }

    @Test
    void aRunThatCouldNotStartSaysWhyEverywhere() throws Exception {
        RunResult r = new RunResult(Target.of("mx.example", 25), "", List.of(), List.of(), Duration.ZERO,
                Optional.of("cannot connect to mx.example:25: Connection refused"));
        assertEquals(RunResult.EXIT_UNREACHABLE, r.exitCode());
        assertTrue(Reports.summary(r).contains("Could not run: cannot connect"));
        assertTrue(Reports.markdown(r).contains("**Could not run:**"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Reports.junitXml(r).getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, doc.getElementsByTagName("error").getLength());
    }
}
