package smtp.conformance.internal;

import java.util.List;
import java.util.stream.Collectors;
import smtp.conformance.ClientText;
import smtp.conformance.Scenario;
import smtp.conformance.Step;

/**
 * Writes scenarios in the file format that {@link ScenarioParser} reads, one blank line
 * between scenarios; {@code parse(format(s))} gives back equal scenarios.
 */
public final class ScenarioFormatter {

    private ScenarioFormatter() {
    }

    public static String format(List<Scenario> scenarios) {
        StringBuilder sb = new StringBuilder();
        for (Scenario s : scenarios) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append("scenario: ").append(s.id()).append('\n');
            sb.append("title: ").append(s.title()).append('\n');
            sb.append("section: ").append(s.section()).append('\n');
            sb.append("level: ").append(s.level()).append('\n');
            sb.append("requirement: ").append(s.requirement()).append('\n');
            if (!s.extensions().isEmpty()) {
                sb.append("extension: ").append(s.extensions().stream().map(Scenario.Extension::toString)
                        .collect(Collectors.joining(", "))).append('\n');
            }
            if (!s.tags().isEmpty()) {
                sb.append("tags: ").append(String.join(", ", s.tags())).append('\n');
            }
            if (s.transport() == Scenario.Transport.PLAIN) {
                sb.append("transport: plain\n");
            }
            for (Step step : s.steps()) {
                sb.append(step(step)).append('\n');
            }
        }
        return sb.toString();
    }

    /** One step as a line of the file. */
    public static String step(Step step) {
        return switch (step) {
            case Step.Send send -> (send.lineEnd() ? "C:" : "R:") + text(send.text());
            case Step.Expect expect -> "S: " + expect.pattern().format();
            case Step.StartTls tls -> "!starttls";
            case Step.Authenticate auth -> "!auth " + auth.mechanism() + (auth.wrongPassword() ? " wrong" : "");
            case Step.Pause pause -> "!pause " + pause.duration().toMillis();
            case Step.ExpectClose close -> "!expect-close";
            case Step.Body body -> "!body " + body.size().format();
            case Step.Advertised a -> (a.present() ? "!advertised " : "!not-advertised ") + a.keyword();
        };
    }

    private static String text(ClientText text) {
        String written = text.format();
        return written.isEmpty() ? "" : " " + written;
    }
}
