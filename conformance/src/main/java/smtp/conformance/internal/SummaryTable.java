package smtp.conformance.internal;

import smtp.conformance.Outcome;
import smtp.conformance.RunResult;
import smtp.conformance.ScenarioResult;

/** The plain-text summary printed at the end of a run, and the live progress lines. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String render(RunResult run) {
        StringBuilder sb = new StringBuilder();
        sb.append("Target: ").append(run.target()).append(" (TLS: ").append(run.target().tls().spelling()).append(")\n");
        if (run.error().isPresent()) {
            sb.append("Could not run: ").append(run.error().get()).append('\n');
            return sb.toString();
        }
        sb.append("Greeting: ").append(run.greeting()).append('\n');
        sb.append("Extensions: ").append(String.join(", ", run.extensions())).append("\n\n");
        int idWidth = Math.max(8, run.results().stream().mapToInt(r -> r.scenario().id().length()).max().orElse(8));
        int sectionWidth = Math.min(34, Math.max(7, run.results().stream().mapToInt(r -> r.scenario().section().length()).max().orElse(7)));
        String format = "%-6s %-6s %-" + idWidth + "s %-" + sectionWidth + "s %s%n";
        sb.append(String.format(format, "RESULT", "LEVEL", "SCENARIO", "SECTION", "DETAIL (reply seen, or why n/a)"));
        for (ScenarioResult r : run.results()) {
            sb.append(String.format(format, r.outcome().label(), r.scenario().level(), r.scenario().id(),
                    Transcript.clip(r.scenario().section(), sectionWidth), detail(r.outcome())));
        }
        sb.append('\n').append(totals(run)).append('\n');
        return sb.toString();
    }

    static String detail(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Pass p -> "";
            case Outcome.Fail f -> Transcript.clip("step " + f.step() + " `" + f.expected() + "`: got " + f.observed(), 200);
            case Outcome.NotApplicable n -> n.reason();
        };
    }

    /** "N scenarios: P passed, F failed (M MUST), A n/a; exit code X". */
    public static String totals(RunResult run) {
        return run.results().size() + " scenarios: " + run.passed() + " passed, " + run.failed() + " failed ("
                + run.mustFailures().size() + " MUST), " + run.notApplicable() + " n/a; exit code " + run.exitCode()
                + (run.exitCode() == 0 ? " (every applicable MUST passed)" : "");
    }

    public static String progressLine(ScenarioResult r, int index, int total) {
        int width = Integer.toString(total).length();
        return String.format("[%" + width + "d/%d] %-4s %-6s %s (%d ms)", index, total, r.outcome().label(),
                r.scenario().level(), r.scenario().id(), r.elapsed().toMillis());
    }
}
