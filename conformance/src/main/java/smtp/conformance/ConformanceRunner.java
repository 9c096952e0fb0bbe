package smtp.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.conformance.internal.BuiltInScenarios;
import smtp.conformance.internal.Checked;
import smtp.conformance.internal.Preflight;
import smtp.conformance.internal.ScenarioExecution;

/**
 * Replays RFC 5321 transactions against one SMTP server and reports, per scenario, pass, fail
 * or n/a. This is the entry point for tests of other modules:
 *
 * <pre>{@code
 * RunResult r = ConformanceRunner.run(Target.of("127.0.0.1", port),
 *         Options.defaults().withTo("postmaster@example.test"));
 * assertEquals(List.of(), r.mustFailures());
 * }</pre>
 *
 * <h2>Standards</h2>
 * Each scenario cites its own section; the table is in {@code conformance/README.md}.
 *
 * <h2>Safety</h2>
 * Connects only to {@link Target}; runs each scenario once, one after the other, on its own
 * connection; scenarios have no loops, so the number of messages a run can send is fixed by
 * the scenario files (a message needs {@code --to}); every wait is bounded by
 * {@link Options#replyTimeout()} and every message by {@link Options#maxMessageBytes()}.
 */
public final class ConformanceRunner {

    private ConformanceRunner() {
    }

    /** Runs the built-in scenarios selected by {@link Options#only()}, without progress output. */
    public static RunResult run(Target target, Options options) {
        return run(target, options, builtInScenarios(), Progress.NONE);
    }

    /**
     * Runs {@code scenarios} (those selected by {@link Options#only()}) in order. If the first
     * connection fails (nothing listening, no 220 greeting, TLS fails), no scenario runs and
     * {@link RunResult#error()} says why.
     */
    public static RunResult run(Target target, Options options, List<Scenario> scenarios, Progress progress) {
        long start = System.nanoTime();
        List<Scenario> selected = select(scenarios, options);
        Checked<Preflight.Probe> probe = Preflight.probe(target, options);
        if (probe instanceof Checked.Error<Preflight.Probe> e) {
            return new RunResult(target, "", List.of(), List.of(), java.time.Duration.ofNanos(System.nanoTime() - start),
                    Optional.of(e.message()));
        }
        Preflight.Probe p = ((Checked.Ok<Preflight.Probe>) probe).value();
        List<ScenarioResult> results = new ArrayList<>();
        int index = 0;
        for (Scenario s : selected) {
            ScenarioResult r = new ScenarioExecution(target, options, s, p.extensions()).run();
            results.add(r);
            progress.finished(r, ++index, selected.size());
        }
        return new RunResult(target, p.greeting(), p.extensions(), results,
                java.time.Duration.ofNanos(System.nanoTime() - start), Optional.empty());
    }

    /** The scenarios that ship with this module, in a stable order. */
    public static List<Scenario> builtInScenarios() {
        return BuiltInScenarios.all();
    }

    /** The scenarios selected by {@link Options#only()} (all when it is empty). */
    public static List<Scenario> select(List<Scenario> scenarios, Options options) {
        if (options.only().isEmpty()) {
            return List.copyOf(scenarios);
        }
        return scenarios.stream().filter(s -> options.only().stream().anyMatch(s::selectedBy)).toList();
    }
}
