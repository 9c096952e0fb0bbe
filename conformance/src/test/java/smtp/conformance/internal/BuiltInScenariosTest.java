package smtp.conformance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import smtp.conformance.ClientText;
import smtp.conformance.Level;
import smtp.conformance.Scenario;
import smtp.conformance.ScenarioParse;
import smtp.conformance.Step;

/** The shipped scenario files: they parse, cite sections, and their BDAT sizes are right. */
class BuiltInScenariosTest {

    @Test
    void everyBuiltInFileParses() {
        for (String file : BuiltInScenarios.files()) {
            ScenarioParse parse = Scenario.parse(file, BuiltInScenarios.text(file));
            if (parse instanceof ScenarioParse.Malformed m) {
                fail(m.toString());
            }
        }
        assertTrue(BuiltInScenarios.all().size() > 100, "the suite has its scenarios");
    }

    @Test
    void idsAreUniqueAndEveryScenarioCitesAnRfcSection() {
        Set<String> ids = new HashSet<>();
        for (Scenario s : BuiltInScenarios.all()) {
            assertTrue(ids.add(s.id()), "duplicate " + s.id());
            assertTrue(s.section().matches("RFC \\d{4} (§|Appendix ).*"), s.id() + ": " + s.section());
            assertFalse(s.tags().isEmpty(), s.id() + " has tags for --only");
        }
    }

    @Test
    void theIssueListIsCovered() {
        // Issue 7: Appendix D.1-D.4, §4.3.2 replies, 503/500/501, limits, null reverse-path,
        // Postmaster, PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, STARTTLS,
        // AUTH, CHUNKING, DSN, RSET, smuggling.
        for (String tag : List.of("appendix-d", "core", "sequence", "limits", "postmaster", "pipelining", "size",
                "8bitmime", "smtputf8", "enhancedstatuscodes", "starttls", "auth", "chunking", "dsn", "rset",
                "smuggling")) {
            assertTrue(BuiltInScenarios.all().stream().anyMatch(s -> s.tags().contains(tag)), "no scenario tagged " + tag);
        }
        for (String id : List.of("d1-typical-transaction", "d2-aborted-transaction", "d3-relayed-mail-source-to-relay",
                "d4-verify-and-send", "rcpt-before-mail-503", "unknown-command-500", "mail-syntax-501",
                "null-reverse-path", "postmaster-without-domain", "starttls-plaintext-injection",
                "size-declared-over-limit", "size-exceeded-in-data", "smuggling-lf-dot-lf")) {
            assertTrue(BuiltInScenarios.all().stream().anyMatch(s -> s.id().equals(id)), "missing " + id);
        }
        assertTrue(BuiltInScenarios.all().stream().anyMatch(s -> s.level() == Level.SHOULD));
    }

    static final Pattern BDAT = Pattern.compile("BDAT ([0-9]+)( LAST)?");

    @Test
    void bdatSizesMatchTheOctetsThatFollow_rfc3030_2() {
        int checked = 0;
        for (Scenario s : BuiltInScenarios.all()) {
            List<Step> steps = s.steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) instanceof Step.Send send && send.lineEnd()) {
                    String line = literal(send.text());
                    Matcher m = BDAT.matcher(line);
                    if (!m.matches()) {
                        continue;
                    }
                    int size = Integer.parseInt(m.group(1));
                    int following = 0;
                    if (i + 1 < steps.size() && steps.get(i + 1) instanceof Step.Send raw && !raw.lineEnd()) {
                        following = literal(raw.text()).getBytes(StandardCharsets.ISO_8859_1).length;
                    }
                    assertEquals(size, following, s.id() + ": " + line);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 6, "BDAT commands checked: " + checked);
    }

    @Test
    void smugglingProbesEndWithExactlyOneRealTerminator_rfc5321_4_1_1_4() {
        List<String> probes = new ArrayList<>();
        for (Scenario s : BuiltInScenarios.all()) {
            if (!s.tags().contains("smuggling")) {
                continue;
            }
            String raw = s.steps().stream().filter(st -> st instanceof Step.Send send && !send.lineEnd())
                    .map(st -> literalWithParameters(((Step.Send) st).text())).findFirst().orElseThrow();
            assertTrue(raw.endsWith("\r\n.\r\n"), s.id());
            assertEquals(raw.length() - 5, raw.indexOf("\r\n.\r\n"), s.id() + ": only the last CRLF.CRLF is real");
            probes.add(s.id());
        }
        assertEquals(14, probes.size(), probes.toString());
    }

    @Test
    void theReadmeTableListsEveryScenario() throws Exception {
        String root = System.getProperty("project.root", "..");
        java.nio.file.Path readme = java.nio.file.Path.of(root, "conformance", "README.md");
        String text = java.nio.file.Files.readString(readme);
        for (Scenario s : BuiltInScenarios.all()) {
            assertTrue(text.contains("| `" + s.id() + "` | " + s.level() + " | "), "README.md table lacks " + s.id());
        }
    }

    /** The most messages a full run can deliver (README "Safety"): a fixed number, no loops. */
    static final int MESSAGE_BOUND = 56;

    @Test
    void aFullRunSendsABoundedNumberOfMessages() {
        int messages = 0;
        for (Scenario s : BuiltInScenarios.all()) {
            for (Step step : s.steps()) {
                if (step instanceof Step.Send send) {
                    String text = literalWithParameters(send.text()).toUpperCase(java.util.Locale.ROOT);
                    if (send.lineEnd() && (text.equals("DATA") || text.matches("BDAT [0-9]+ LAST"))) {
                        messages++;
                    }
                    if (!send.lineEnd() && text.contains("\r\nDATA\r\n")) {
                        messages++; // a smuggling probe: a second message if the server is vulnerable
                    }
                }
            }
        }
        assertEquals(MESSAGE_BOUND, messages, "update conformance/README.md (Safety) when this changes");
    }

    private static String literal(ClientText text) {
        StringBuilder sb = new StringBuilder();
        for (ClientText.Part p : text.parts()) {
            if (!(p instanceof ClientText.Literal l)) {
                return "";
            }
            sb.append(l.octets());
        }
        return sb.toString();
    }

    private static String literalWithParameters(ClientText text) {
        StringBuilder sb = new StringBuilder();
        for (ClientText.Part p : text.parts()) {
            switch (p) {
                case ClientText.Literal l -> sb.append(l.octets());
                case ClientText.Parameter q -> sb.append("param");
                case ClientText.Repeat r -> sb.append(r.text().repeat(r.count()));
            }
        }
        return sb.toString();
    }
}
