package smtp.conformance.internal;

import smtp.conformance.Outcome;
import smtp.conformance.RunResult;
import smtp.conformance.ScenarioResult;

/** The Markdown report: header, totals, one table row per scenario, then each failure's transcript. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunResult run) {
        StringBuilder sb = new StringBuilder();
        sb.append("# SMTP conformance report: ").append(run.target()).append("\n\n");
        sb.append("- Target: `").append(run.target()).append("`, TLS: ").append(run.target().tls().spelling()).append('\n');
        if (run.error().isPresent()) {
            sb.append("- **Could not run:** ").append(cell(run.error().get())).append('\n');
            return sb.toString();
        }
        sb.append("- Greeting: `").append(code(run.greeting())).append("`\n");
        sb.append("- Extensions: ").append(run.extensions().isEmpty() ? "(none)"
                : "`" + code(String.join("`, `", run.extensions())) + "`").append('\n');
        sb.append("- Result: ").append(SummaryTable.totals(run)).append("\n\n");
        sb.append("| Result | Level | Scenario | Section | Detail |\n|---|---|---|---|---|\n");
        for (ScenarioResult r : run.results()) {
            String label = r.outcome() instanceof Outcome.Fail ? "**FAIL**" : r.outcome().label();
            sb.append("| ").append(label).append(" | ").append(r.scenario().level()).append(" | `")
                    .append(r.scenario().id()).append("` ").append(cell(r.scenario().title())).append(" | ")
                    .append(cell(r.scenario().section())).append(" | ").append(cell(SummaryTable.detail(r.outcome())))
                    .append(" |\n");
        }
        boolean first = true;
        for (ScenarioResult r : run.results()) {
            if (!(r.outcome() instanceof Outcome.Fail f)) {
                continue;
            }
            if (first) {
                sb.append("\n## Failures\n");
                first = false;
            }
            sb.append("\n### `").append(r.scenario().id()).append("` (").append(r.scenario().level()).append(", ")
                    .append(cell(r.scenario().section())).append(")\n\n");
            sb.append(cell(r.scenario().requirement())).append("\n\n");
            sb.append("Step ").append(f.step()).append(" expected `").append(code(f.expected())).append("`, got: ")
                    .append(cell(f.observed())).append("\n\n```\n");
            for (String line : r.transcript()) {
                sb.append(line.replace("```", "`\u200b``")).append('\n');
            }
            sb.append("```\n");
        }
        return sb.toString();
    }

    static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }

    static String code(String s) {
        return s.replace("`", "'").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
