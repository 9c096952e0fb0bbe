package smtp.conformance.internal;

import java.util.Locale;
import smtp.conformance.Outcome;
import smtp.conformance.RunResult;
import smtp.conformance.ScenarioResult;

/**
 * The JUnit XML report (the de-facto "surefire" format CI servers read): one
 * {@code <testcase>} per scenario, {@code <skipped>} for n/a, {@code <failure>} with the
 * transcript for a failure; the failure's {@code type} is the level (MUST or SHOULD).
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static String render(RunResult run) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String suite = "smtp.conformance " + run.target();
        double seconds = run.elapsed().toMillis() / 1000.0;
        sb.append("<testsuite name=\"").append(xml(suite)).append("\" tests=\"").append(run.results().size())
                .append("\" failures=\"").append(run.failed()).append("\" errors=\"").append(run.error().isPresent() ? 1 : 0)
                .append("\" skipped=\"").append(run.notApplicable()).append("\" time=\"")
                .append(String.format(Locale.ROOT, "%.3f", seconds)).append("\">\n");
        sb.append("  <properties>\n");
        property(sb, "target", run.target().toString());
        property(sb, "tls", run.target().tls().spelling());
        property(sb, "greeting", run.greeting());
        property(sb, "extensions", String.join(", ", run.extensions()));
        property(sb, "exit-code", Integer.toString(run.exitCode()));
        sb.append("  </properties>\n");
        run.error().ifPresent(e -> sb.append("  <testcase classname=\"smtp.conformance\" name=\"connect\" time=\"0\">\n")
                .append("    <error message=\"").append(xml(e)).append("\"/>\n  </testcase>\n"));
        for (ScenarioResult r : run.results()) {
            sb.append("  <testcase classname=\"").append(xml(r.scenario().section())).append("\" name=\"")
                    .append(xml(r.scenario().id() + " (" + r.scenario().level() + ")")).append("\" time=\"")
                    .append(String.format(Locale.ROOT, "%.3f", r.elapsed().toMillis() / 1000.0)).append("\"");
            switch (r.outcome()) {
                case Outcome.Pass p -> sb.append("/>\n");
                case Outcome.NotApplicable n -> sb.append(">\n    <skipped message=\"").append(xml(n.reason()))
                        .append("\"/>\n  </testcase>\n");
                case Outcome.Fail f -> {
                    sb.append(">\n    <failure type=\"").append(r.scenario().level()).append("\" message=\"")
                            .append(xml("step " + f.step() + " " + f.expected() + ": got " + f.observed())).append("\">");
                    sb.append(xml(r.scenario().title() + "\n" + r.scenario().requirement() + "\n\n"
                            + String.join("\n", r.transcript())));
                    sb.append("</failure>\n  </testcase>\n");
                }
            }
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("    <property name=\"").append(name).append("\" value=\"").append(xml(value)).append("\"/>\n");
    }

    /** Escapes for XML 1.0 text and attributes; characters XML cannot carry become U+FFFD. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\n' -> sb.append("&#10;");
                case '\t' -> sb.append("&#9;");
                default -> {
                    boolean legal = cp == '\r' ? false : cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                            || cp >= 0x10000 && cp <= 0x10FFFF;
                    sb.appendCodePoint(legal ? cp : 0xFFFD);
                }
            }
        });
        return sb.toString();
    }
}
