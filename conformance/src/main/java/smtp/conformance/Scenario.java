package smtp.conformance;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One conformance check: a short SMTP dialogue that cites the rule it checks. Scenarios are
 * written in the plain-text format of {@code conformance/README.md} and read with
 * {@link #parse(String, String)}.
 *
 * @param id          unique, lower case, e.g. {@code rset-clears-transaction}
 * @param title       one line saying what is checked
 * @param section     the RFC section(s), e.g. {@code RFC 5321 §4.1.1.5}
 * @param level       the RFC's keyword for the rule
 * @param requirement the rule in our words
 * @param extensions  EHLO keywords (with parameters) that must be advertised, else n/a
 * @param tags        lower-case words to select scenarios with {@code --only}
 * @param transport   whether the scenario must start in plaintext (it does its own STARTTLS)
 * @param steps       the dialogue; the first step expects the greeting
 */
public record Scenario(String id, String title, String section, Level level, String requirement,
                       List<Extension> extensions, List<String> tags, Transport transport, List<Step> steps) {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    public Scenario {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(transport, "transport");
        extensions = List.copyOf(extensions);
        tags = List.copyOf(tags);
        steps = List.copyOf(steps);
        if (!ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
            throw new IllegalArgumentException("bad scenario id: " + id);
        }
        for (String v : List.of(title, section, requirement)) {
            if (!isHeaderValue(v)) {
                throw new IllegalArgumentException("bad header value in " + id + ": " + v);
            }
        }
        for (String tag : tags) {
            if (!ID.matcher(tag).matches()) {
                throw new IllegalArgumentException("bad tag: " + tag);
            }
        }
        if (tags.stream().distinct().count() != tags.size()) {
            throw new IllegalArgumentException("duplicate tag in " + id);
        }
        if (transport == Transport.ANY && steps.stream().anyMatch(s -> s instanceof Step.StartTls)) {
            throw new IllegalArgumentException(id + ": !starttls needs transport PLAIN");
        }
        if (steps.isEmpty() || !(steps.getFirst() instanceof Step.Expect)) {
            throw new IllegalArgumentException(id + ": the first step expects the greeting (S:)");
        }
    }

    /** A non-empty single line without surrounding spaces or control characters. */
    public static boolean isHeaderValue(String v) {
        return v != null && !v.isEmpty() && v.equals(v.strip()) && v.chars().noneMatch(c -> c < ' ' || c == 0x7f);
    }

    /**
     * An EHLO keyword that must be advertised (RFC 5321 §4.1.1.1 ehlo-line), with parameters
     * that must all appear among its advertised parameters, e.g. {@code AUTH PLAIN}.
     *
     * @param keyword    the ehlo-keyword
     * @param parameters required ehlo-params (case-insensitive)
     */
    public record Extension(String keyword, List<String> parameters) {
        static final Pattern PARAM = Pattern.compile("[!-~]{1,64}");

        public Extension {
            parameters = List.copyOf(parameters);
            if (!ClientText.KEYWORD.matcher(Objects.requireNonNull(keyword, "keyword")).matches()
                    || parameters.stream().anyMatch(p -> !PARAM.matcher(p).matches() || p.indexOf(',') >= 0)) {
                throw new IllegalArgumentException("bad extension: " + keyword + " " + parameters);
            }
        }

        @Override
        public String toString() {
            return parameters.isEmpty() ? keyword : keyword + " " + String.join(" ", parameters);
        }
    }

    /** Where a scenario may start. */
    public enum Transport {
        /** Any connection the run's {@link TlsMode} gives. */
        ANY,
        /** A plaintext connection (even with {@code --tls starttls}); n/a with implicit TLS. */
        PLAIN
    }

    /** True if {@code selector} (lower case) names this scenario's id, a tag or an extension. */
    public boolean selectedBy(String selector) {
        return id.equals(selector) || tags.contains(selector)
                || extensions.stream().anyMatch(e -> e.keyword().toLowerCase(Locale.ROOT).equals(selector));
    }

    /** Parses a scenario file; never throws for bad content (see {@link ScenarioParse}). */
    public static ScenarioParse parse(String source, String text) {
        return smtp.conformance.internal.ScenarioParser.parse(source, text);
    }

    /** Scenarios in scenario-file syntax; {@code parse(format(s))} gives {@code s} back. */
    public static String format(List<Scenario> scenarios) {
        return smtp.conformance.internal.ScenarioFormatter.format(scenarios);
    }
}
