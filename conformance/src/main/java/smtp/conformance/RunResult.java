package smtp.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of a run against one target.
 *
 * @param target     the server tested
 * @param greeting   the server's greeting as first received (empty if it could not be reached)
 * @param extensions the EHLO keywords (with parameters) advertised to the first EHLO of the run
 * @param results    one per scenario, in run order
 * @param elapsed    wall-clock time of the run
 * @param error      why the run could not start (target unreachable, not SMTP, TLS failure)
 */
public record RunResult(Target target, String greeting, List<String> extensions, List<ScenarioResult> results,
                        Duration elapsed, Optional<String> error) {

    /** Exit code: every applicable MUST passed. */
    public static final int EXIT_OK = 0;
    /** Exit code: at least one applicable MUST failed. */
    public static final int EXIT_MUST_FAILED = 1;
    /** Exit code: the command line was wrong. */
    public static final int EXIT_USAGE = 2;
    /** Exit code: the target could not be tested at all. */
    public static final int EXIT_UNREACHABLE = 3;

    public RunResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(error, "error");
        extensions = List.copyOf(extensions);
        results = List.copyOf(results);
    }

    public long passed() {
        return results.stream().filter(r -> r.outcome() instanceof Outcome.Pass).count();
    }

    public long failed() {
        return results.stream().filter(r -> r.outcome() instanceof Outcome.Fail).count();
    }

    public long notApplicable() {
        return results.stream().filter(r -> r.outcome() instanceof Outcome.NotApplicable).count();
    }

    /** The failed scenarios whose level is MUST. */
    public List<ScenarioResult> mustFailures() {
        return results.stream().filter(ScenarioResult::isMustFailure).toList();
    }

    /** The result of the scenario with this id, if it ran. */
    public Optional<ScenarioResult> result(String scenarioId) {
        return results.stream().filter(r -> r.scenario().id().equals(scenarioId)).findFirst();
    }

    /** 0 when every applicable MUST passed, 1 when one failed, 3 when the target could not be tested. */
    public int exitCode() {
        if (error.isPresent()) {
            return EXIT_UNREACHABLE;
        }
        return mustFailures().isEmpty() ? EXIT_OK : EXIT_MUST_FAILED;
    }
}
