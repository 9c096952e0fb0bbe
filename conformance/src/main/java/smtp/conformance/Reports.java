package smtp.conformance;

import smtp.conformance.internal.JUnitXmlReport;
import smtp.conformance.internal.MarkdownReport;
import smtp.conformance.internal.SummaryTable;

/** Renders a {@link RunResult} for people (table, Markdown) and for CI (JUnit XML). */
public final class Reports {

    private Reports() {
    }

    /** A plain-text table, one row per scenario: result, level, id, section, reply seen on failure. */
    public static String summary(RunResult result) {
        return SummaryTable.render(result);
    }

    /** A Markdown report: header, totals, the table, and the transcript of each failure. */
    public static String markdown(RunResult result) {
        return MarkdownReport.render(result);
    }

    /** A JUnit XML report: one testcase per scenario; n/a is skipped; a failure carries the transcript. */
    public static String junitXml(RunResult result) {
        return JUnitXmlReport.render(result);
    }

    /** One progress line, e.g. {@code [ 3/80] pass  MUST   rset-clears-transaction}. */
    public static String progressLine(ScenarioResult r, int index, int total) {
        return SummaryTable.progressLine(r, index, total);
    }
}
