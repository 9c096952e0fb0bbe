package smtp.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of one scenario.
 *
 * @param scenario   the scenario
 * @param outcome    pass, fail or n/a
 * @param elapsed    wall-clock time of the scenario
 * @param transcript what was sent ({@code C:}) and received ({@code S:}), escaped and bounded
 */
public record ScenarioResult(Scenario scenario, Outcome outcome, Duration elapsed, List<String> transcript) {

    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
        transcript = List.copyOf(transcript);
    }

    /** True for a failed MUST: such a failure makes the run fail. */
    public boolean isMustFailure() {
        return outcome instanceof Outcome.Fail && scenario.level() == Level.MUST;
    }
}
