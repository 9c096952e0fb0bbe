package smtp.conformance.internal;

import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import smtp.conformance.Scenario;
import smtp.conformance.ScenarioParse;

/** Laws of the scenario file format. */
class ScenarioFormatProperties {

    @Test
    void parseOfFormatIsIdentity() {
        qt().withExamples(2000).forAll(ScenarioGen.files())
                .check(scenarios -> Scenario.parse("gen.scn", Scenario.format(scenarios))
                        .equals(new ScenarioParse.Parsed(scenarios)));
    }

    static final List<String> FRAGMENTS = List.of("scenario: a", "scenario: b", "title: t", "section: RFC 5321 §1",
            "level: MUST", "level: MAY", "requirement: r", "extension: SIZE, AUTH PLAIN", "tags: x, y", "transport: plain",
            "S: 220", "S: 250 | closed", "S: 2.. x", "S: 5.5.* | *", "S:", "C: ${helo}", "C: \\r\\n", "C: ${ehlo:SIZE+1",
            "R: ${repeat:9:x}", "R:", "!starttls", "!auth PLAIN", "!pause 5", "!body ${ehlo:SIZE-1}", "!expect-close",
            "!advertised X", "# comment", "", "  S: 250", "\t", "\\", "${", "C: \\x", "scenario:", "title:");

    static Gen<String> lineSoup() {
        return in -> {
            ScenarioGen.R r = new ScenarioGen.R(in);
            StringBuilder sb = new StringBuilder();
            for (int i = r.between(0, 30); i > 0; i--) {
                String line = r.bool() ? r.pick(FRAGMENTS) : r.pick(FRAGMENTS) + r.from(ScenarioGen.TEXT_CHARS + "\r\0", 0, 8);
                sb.append(line).append(r.between(0, 5) == 0 ? "\r\n" : "\n");
            }
            return sb.toString();
        };
    }

    @Test
    void noFileContentThrowsAndErrorsPointAtALine() {
        qt().withExamples(5000).forAll(lineSoup()).check(text -> {
            ScenarioParse p = Scenario.parse("soup.scn", text);
            return switch (p) {
                case ScenarioParse.Parsed parsed -> Scenario.parse("again.scn", Scenario.format(parsed.scenarios()))
                        .equals(new ScenarioParse.Parsed(parsed.scenarios()));
                case ScenarioParse.Malformed m -> m.line() >= 1 && m.line() <= text.split("\n", -1).length;
            };
        });
    }

    @Test
    void arbitraryStringsNeverThrow() {
        qt().withExamples(3000).forAll(org.quicktheories.generators.SourceDSL.strings().allPossible().ofLengthBetween(0, 200))
                .check(text -> Scenario.parse("any.scn", text) != null
                        && Scenario.parse("any.scn", "scenario: a\ntitle: t\nsection: s\nlevel: MUST\nrequirement: r\nS: 220\nC: "
                        + text) != null);
    }
}
