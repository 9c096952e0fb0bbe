package smtp.conformance.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smtp.conformance.ClientText;
import smtp.conformance.Level;
import smtp.conformance.ReplyPattern;
import smtp.conformance.Scenario;
import smtp.conformance.ScenarioParse;
import smtp.conformance.Step;

/**
 * Reads a scenario file (format: {@code conformance/README.md}). A file is a sequence of
 * scenarios; each starts with {@code scenario: ID}, continues with header lines
 * ({@code title:}, {@code section:}, {@code level:}, {@code requirement:}, optional
 * {@code extension:}, {@code tags:}, {@code transport:}) and then step lines
 * ({@code S:}, {@code C:}, {@code R:}, {@code !directive}). Blank lines and lines starting with
 * {@code #} are ignored.
 *
 * <h2>Diagnostics</h2>
 * Never throws for any input: the first problem is returned as
 * {@link ScenarioParse.Malformed} with its 1-based line number.
 */
public final class ScenarioParser {

    private ScenarioParser() {
    }

    /** Files larger than this are refused (scenario files are a few kilobytes). */
    public static final int MAX_FILE_CHARS = 4 * 1024 * 1024;

    static final Set<String> HEADERS =
            Set.of("title", "section", "level", "requirement", "extension", "tags", "transport");
    static final Pattern HEADER = Pattern.compile("([a-z]+):(.*)", Pattern.DOTALL);
    static final Pattern DIRECTIVE = Pattern.compile("!([a-z-]+)(?:[ \\t]+(.*))?", Pattern.DOTALL);

    /** Parses {@code text}; {@code source} names the file in error messages. */
    public static ScenarioParse parse(String source, String text) {
        if (text.length() > MAX_FILE_CHARS) {
            return new ScenarioParse.Malformed(source, 1, "file larger than " + MAX_FILE_CHARS + " characters");
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        Draft draft = null;
        int lineNo = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            start = end + 1;
            lineNo++;
            String trimmed = line.stripLeading();
            if (trimmed.isBlank() || trimmed.startsWith("#")) {
                continue;
            }
            Checked<?> result;
            if (trimmed.startsWith("scenario:")) {
                if (draft != null) {
                    Checked<Scenario> done = draft.build();
                    if (done instanceof Checked.Error<Scenario> e) {
                        return new ScenarioParse.Malformed(source, draft.line, e.message());
                    }
                    scenarios.add(((Checked.Ok<Scenario>) done).value());
                }
                String id = trimmed.substring("scenario:".length()).strip();
                if (!Scenario.ID.matcher(id).matches()) {
                    return new ScenarioParse.Malformed(source, lineNo,
                            "scenario id must be 1-64 of a-z 0-9 . - (starting with a letter or digit): " + ClientTextSyntax.printable(id));
                }
                if (!ids.add(id)) {
                    return new ScenarioParse.Malformed(source, lineNo, "duplicate scenario id " + id);
                }
                draft = new Draft(id, lineNo);
                continue;
            }
            if (draft == null) {
                return new ScenarioParse.Malformed(source, lineNo, "expected scenario: ID before anything else");
            }
            result = draft.accept(trimmed);
            if (result instanceof Checked.Error<?> e) {
                return new ScenarioParse.Malformed(source, lineNo, e.message());
            }
        }
        if (draft != null) {
            Checked<Scenario> done = draft.build();
            if (done instanceof Checked.Error<Scenario> e) {
                return new ScenarioParse.Malformed(source, draft.line, e.message());
            }
            scenarios.add(((Checked.Ok<Scenario>) done).value());
        }
        return new ScenarioParse.Parsed(scenarios);
    }

    /** A scenario being read. */
    private static final class Draft {
        final String id;
        final int line;
        final Map<String, String> headers = new LinkedHashMap<>();
        final List<Step> steps = new ArrayList<>();

        Draft(String id, int line) {
            this.id = id;
            this.line = line;
        }

        Checked<?> accept(String line) {
            if (line.startsWith("C:") || line.startsWith("R:")) {
                String rest = line.substring(2);
                if (rest.startsWith(" ")) {
                    rest = rest.substring(1);
                }
                boolean lineEnd = line.charAt(0) == 'C';
                return switch (ClientTextSyntax.parse(rest)) {
                    case Checked.Ok<ClientText> ok -> {
                        if (!lineEnd && ok.value().parts().isEmpty()) {
                            yield Checked.error("R: sends raw octets and needs at least one");
                        }
                        steps.add(new Step.Send(ok.value(), lineEnd));
                        yield ok;
                    }
                    case Checked.Error<ClientText> e -> e;
                };
            }
            if (line.startsWith("S:")) {
                return switch (ReplyPatternSyntax.parse(line.substring(2))) {
                    case Checked.Ok<ReplyPattern> ok -> {
                        steps.add(new Step.Expect(ok.value()));
                        yield ok;
                    }
                    case Checked.Error<ReplyPattern> e -> e;
                };
            }
            if (line.startsWith("!")) {
                return directive(line);
            }
            Matcher h = HEADER.matcher(line);
            if (h.matches() && HEADERS.contains(h.group(1))) {
                if (!steps.isEmpty()) {
                    return Checked.error("header " + h.group(1) + ": after the first step; headers come first");
                }
                String value = h.group(2).strip();
                if (!Scenario.isHeaderValue(value) || h.group(2).chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
                    return Checked.error("header " + h.group(1) + ": needs a value without control characters");
                }
                if (headers.putIfAbsent(h.group(1), value) != null) {
                    return Checked.error("header " + h.group(1) + ": given twice");
                }
                return Checked.ok(value);
            }
            return Checked.error("unknown line (expected a header, S:, C:, R: or !directive): "
                    + ClientTextSyntax.printable(line));
        }

        Checked<?> directive(String line) {
            Matcher m = DIRECTIVE.matcher(line);
            if (!m.matches()) {
                return Checked.error("bad directive: " + ClientTextSyntax.printable(line));
            }
            String name = m.group(1);
            String arg = m.group(2) == null ? "" : m.group(2).strip();
            String[] words = arg.isEmpty() ? new String[0] : arg.split("[ \\t]+");
            Step step;
            switch (name) {
                case "starttls", "expect-close" -> {
                    if (words.length != 0) {
                        return Checked.error("!" + name + " takes no argument");
                    }
                    step = name.equals("starttls") ? new Step.StartTls() : new Step.ExpectClose();
                }
                case "auth" -> {
                    if (words.length < 1 || words.length > 2 || !(words[0].equals("PLAIN") || words[0].equals("LOGIN"))
                            || words.length == 2 && !words[1].equals("wrong")) {
                        return Checked.error("usage: !auth PLAIN|LOGIN [wrong]");
                    }
                    step = new Step.Authenticate(Step.Mechanism.valueOf(words[0]), words.length == 2);
                }
                case "pause" -> {
                    if (words.length != 1 || !words[0].matches("[0-9]{1,5}") || Integer.parseInt(words[0]) > Step.MAX_PAUSE.toMillis()) {
                        return Checked.error("usage: !pause MILLISECONDS (0 to " + Step.MAX_PAUSE.toMillis() + ")");
                    }
                    step = new Step.Pause(Duration.ofMillis(Integer.parseInt(words[0])));
                }
                case "body" -> {
                    if (words.length != 1) {
                        return Checked.error("usage: !body SIZE (a number or one parameter such as ${ehlo:SIZE+1})");
                    }
                    Checked<ClientText> size = ClientTextSyntax.parse(words[0]);
                    if (size instanceof Checked.Error<ClientText> e) {
                        return e;
                    }
                    ClientText text = ((Checked.Ok<ClientText>) size).value();
                    boolean ok = text.parts().size() == 1 && switch (text.parts().getFirst()) {
                        case ClientText.Literal l -> l.octets().matches("[0-9]{1,9}");
                        case ClientText.Parameter p -> true;
                        case ClientText.Repeat r -> false;
                    };
                    if (!ok) {
                        return Checked.error("!body takes a decimal size (up to 9 digits) or one parameter");
                    }
                    step = new Step.Body(text);
                }
                case "advertised", "not-advertised" -> {
                    if (words.length != 1 || !words[0].matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
                        return Checked.error("usage: !" + name + " EHLO-KEYWORD");
                    }
                    step = new Step.Advertised(words[0], name.equals("advertised"));
                }
                default -> {
                    return Checked.error("unknown directive !" + ClientTextSyntax.printable(name)
                            + " (known: !starttls !auth !pause !expect-close !body !advertised !not-advertised)");
                }
            }
            steps.add(step);
            return Checked.ok(step);
        }

        Checked<Scenario> build() {
            for (String required : List.of("title", "section", "level", "requirement")) {
                if (!headers.containsKey(required)) {
                    return Checked.error("scenario " + id + " has no " + required + ": header");
                }
            }
            Level level;
            switch (headers.get("level")) {
                case "MUST" -> level = Level.MUST;
                case "SHOULD" -> level = Level.SHOULD;
                case "MAY" -> level = Level.MAY;
                default -> {
                    return Checked.error("scenario " + id + ": level must be MUST, SHOULD or MAY");
                }
            }
            Scenario.Transport transport;
            switch (headers.getOrDefault("transport", "any")) {
                case "any" -> transport = Scenario.Transport.ANY;
                case "plain" -> transport = Scenario.Transport.PLAIN;
                default -> {
                    return Checked.error("scenario " + id + ": transport must be any or plain");
                }
            }
            List<Scenario.Extension> extensions = new ArrayList<>();
            if (headers.containsKey("extension")) {
                for (String item : headers.get("extension").split(",", -1)) {
                    String[] words = item.strip().split("[ \\t]+");
                    if (item.isBlank() || !words[0].matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
                        return Checked.error("scenario " + id + ": extension: is a comma-separated list of EHLO-KEYWORD [PARAM...]");
                    }
                    List<String> params = List.of(words).subList(1, words.length);
                    if (params.stream().anyMatch(p -> !p.matches("[!-~]{1,64}"))) {
                        return Checked.error("scenario " + id + ": an extension parameter is 1-64 printable ASCII characters");
                    }
                    extensions.add(new Scenario.Extension(words[0], params));
                }
            }
            List<String> tags = new ArrayList<>();
            if (headers.containsKey("tags")) {
                for (String tag : headers.get("tags").split("[, \\t]+")) {
                    if (!Scenario.ID.matcher(tag).matches()) {
                        return Checked.error("scenario " + id + ": a tag is 1-64 of a-z 0-9 . - : " + ClientTextSyntax.printable(tag));
                    }
                    if (!tags.contains(tag)) {
                        tags.add(tag);
                    }
                }
            }
            if (steps.isEmpty() || !(steps.getFirst() instanceof Step.Expect)) {
                return Checked.error("scenario " + id + ": the first step must be S: (the greeting)");
            }
            if (transport == Scenario.Transport.ANY && steps.stream().anyMatch(s -> s instanceof Step.StartTls)) {
                return Checked.error("scenario " + id + ": a scenario with !starttls needs transport: plain");
            }
            return Checked.ok(new Scenario(id, headers.get("title"), headers.get("section"), level,
                    headers.get("requirement"), extensions, tags, transport, steps));
        }
    }
}
