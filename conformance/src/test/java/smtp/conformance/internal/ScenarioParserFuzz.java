package smtp.conformance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import smtp.conformance.Scenario;
import smtp.conformance.ScenarioParse;

/** Coverage-guided fuzzing of the scenario parser; the seeds are scenario files. */
class ScenarioParserFuzz {

    @FuzzTest(maxDuration = "10s")
    void parseNeverThrowsAndParsedFilesRoundTrip(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        switch (Scenario.parse("fuzz.scn", text)) {
            case ScenarioParse.Parsed parsed -> assertEquals(new ScenarioParse.Parsed(parsed.scenarios()),
                    Scenario.parse("again.scn", Scenario.format(parsed.scenarios())));
            case ScenarioParse.Malformed m -> assertTrue(m.line() >= 1 && m.line() <= text.split("\n", -1).length, m::toString);
        }
    }
}
