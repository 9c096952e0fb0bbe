package smtp.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import smtp.conformance.internal.CommandLine;

/**
 * The command-line runner: {@code java -p dist/modules -m smtp.conformance --target HOST:PORT}.
 * Prints one progress line per scenario, then the summary table; writes the Markdown and
 * JUnit XML reports when asked; exits 0 only when every applicable MUST passed.
 *
 * <h2>Diagnostics</h2>
 * Exit codes: 0 (every applicable MUST passed), 1 (a MUST failed), 2 (usage error or a bad
 * scenario file), 3 (the target could not be tested). Messages go to standard error.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine.Invocation invocation = CommandLine.parse(args);
        switch (invocation) {
            case CommandLine.Help help -> {
                out.print(CommandLine.USAGE);
                return RunResult.EXIT_OK;
            }
            case CommandLine.Usage usage -> {
                err.println("smtp.conformance: " + usage.message());
                err.println("Try --help.");
                return RunResult.EXIT_USAGE;
            }
            case CommandLine.ListScenarios list -> {
                Optional<List<Scenario>> scenarios = load(list.scenarios(), err);
                if (scenarios.isEmpty()) {
                    return RunResult.EXIT_USAGE;
                }
                Options only = Options.defaults().withOnly(list.only());
                for (Scenario s : ConformanceRunner.select(scenarios.get(), only)) {
                    out.printf("%-6s %-40s %-28s %s%s%n", s.level(), s.id(), s.section(), s.title(),
                            s.extensions().isEmpty() ? "" : "  [needs " + s.extensions() + "]");
                }
                return RunResult.EXIT_OK;
            }
            case CommandLine.Run run -> {
                Optional<List<Scenario>> scenarios = load(run.scenarios(), err);
                if (scenarios.isEmpty()) {
                    return RunResult.EXIT_USAGE;
                }
                List<Scenario> selected = ConformanceRunner.select(scenarios.get(), run.options());
                if (selected.isEmpty()) {
                    err.println("smtp.conformance: --only selects no scenario");
                    return RunResult.EXIT_USAGE;
                }
                out.println("smtp.conformance: " + selected.size() + " scenarios against " + run.target()
                        + " (TLS: " + run.target().tls().spelling() + ")"
                        + (run.options().trustAnyCertificate() ? "; certificates NOT verified (--insecure)" : ""));
                RunResult result = ConformanceRunner.run(run.target(), run.options(), selected,
                        (r, i, n) -> out.println(Reports.progressLine(r, i, n)));
                out.println();
                out.print(Reports.summary(result));
                if (run.report().isPresent()) {
                    List<Path> files = CommandLine.reportFiles(run.report().get());
                    try {
                        write(files.get(0), Reports.markdown(result));
                        write(files.get(1), Reports.junitXml(result));
                        out.println("Reports: " + files.get(0) + ", " + files.get(1));
                    } catch (IOException e) {
                        err.println("smtp.conformance: cannot write the report: " + e.getMessage());
                        return RunResult.EXIT_USAGE;
                    }
                }
                return result.exitCode();
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The built-in scenarios, or those of --scenarios (a .scn file or a directory of them). */
    static Optional<List<Scenario>> load(Optional<Path> path, PrintStream err) {
        if (path.isEmpty()) {
            return Optional.of(ConformanceRunner.builtInScenarios());
        }
        List<Path> files = new ArrayList<>();
        try {
            if (Files.isDirectory(path.get())) {
                try (Stream<Path> list = Files.list(path.get())) {
                    list.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(files::add);
                }
            } else {
                files.add(path.get());
            }
            List<Scenario> all = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Path f : files) {
                switch (Scenario.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8))) {
                    case ScenarioParse.Malformed m -> {
                        err.println("smtp.conformance: " + m);
                        return Optional.empty();
                    }
                    case ScenarioParse.Parsed p -> {
                        for (Scenario s : p.scenarios()) {
                            if (!ids.add(s.id())) {
                                err.println("smtp.conformance: duplicate scenario id " + s.id() + " in " + f);
                                return Optional.empty();
                            }
                            all.add(s);
                        }
                    }
                }
            }
            if (all.isEmpty()) {
                err.println("smtp.conformance: no scenarios in " + path.get());
                return Optional.empty();
            }
            return Optional.of(all);
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("smtp.conformance: cannot read " + path.get() + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
