package smtp.conformance.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import smtp.conformance.Options;
import smtp.conformance.Target;
import smtp.conformance.TlsMode;

/**
 * The runner's command line:
 * {@code --target HOST:PORT [--tls starttls|implicit|none] [--from ADDR --to ADDR]
 * [--user U --password P] [--only TAG] [--report FILE]}, plus {@code --help} and a few
 * options documented in {@link #USAGE}.
 *
 * <h2>Diagnostics</h2>
 * Never throws for any argument list: a mistake is an {@link Invocation.Usage} with a message.
 */
public final class CommandLine {

    private CommandLine() {
    }

    public static final String USAGE = """
            Usage: java -p dist/modules -m smtp.conformance --target HOST:PORT [options]

            Replays RFC 5321 transactions against one SMTP server and reports, per scenario,
            pass, fail or n/a. It connects only to HOST:PORT.

              --target HOST:PORT          the server to test ([IPv6]:PORT for IPv6 literals)
              --tls starttls|implicit|none
                                          secure every connection with STARTTLS first, use implicit
                                          TLS, or plain TCP (default: none)
              --from ADDR                 reverse-path mailbox (default: conformance@example.org)
              --to ADDR                   a mailbox that may receive test messages; without it the
                                          scenarios that send mail are n/a
              --user U --password P       credentials for the AUTH scenarios, and for repeating
                                          with a login the scenarios a server stops with 530
              --only TAG[,TAG...]         run only scenarios with this id, tag or extension
              --report FILE               write FILE.md (Markdown) and FILE.xml (JUnit XML)
              --helo DOMAIN               domain for EHLO/HELO (default: conformance.example.org)
              --timeout SECONDS           connect and reply timeout (default: 10)
              --max-message-bytes N       largest message a scenario may send (default: 1048576)
              --insecure                  accept any TLS certificate: only for your own test
                                          servers with self-signed certificates
              --scenarios PATH            run the scenario files in PATH (a .scn file or a directory
                                          of them) instead of the built-in ones
              --list                      list the scenarios and exit
              --help                      this text

            Exit code: 0 every applicable MUST passed; 1 a MUST failed; 2 usage error or a
            bad scenario file; 3 the target could not be tested (unreachable, no 220
            greeting, TLS failed).
            """;

    /** What the command line asks for. */
    public sealed interface Invocation permits Help, ListScenarios, Run, Usage {
    }

    /** {@code --help}. */
    public record Help() implements Invocation {
    }

    /** {@code --list}. @param scenarios files given with --scenarios */
    public record ListScenarios(Optional<Path> scenarios, Set<String> only) implements Invocation {
    }

    /**
     * A run.
     *
     * @param target    the server
     * @param options   the options
     * @param report    where to write the reports (without extension)
     * @param scenarios files given with --scenarios
     */
    public record Run(Target target, Options options, Optional<Path> report, Optional<Path> scenarios) implements Invocation {
    }

    /** @param message what is wrong with the command line */
    public record Usage(String message) implements Invocation {
    }

    public static Invocation parse(List<String> args) {
        Optional<String> target = Optional.empty();
        TlsMode tls = TlsMode.NONE;
        Options options = Options.defaults();
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        Set<String> only = new LinkedHashSet<>();
        Optional<Path> report = Optional.empty();
        Optional<Path> scenarios = Optional.empty();
        boolean list = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Help();
            }
            if (arg.equals("--insecure")) {
                options = options.withTrustAnyCertificate(true);
                continue;
            }
            if (arg.equals("--list")) {
                list = true;
                continue;
            }
            if (!List.of("--target", "--tls", "--from", "--to", "--user", "--password", "--only", "--report", "--helo",
                    "--timeout", "--max-message-bytes", "--scenarios").contains(arg)) {
                return new Usage("unknown option " + arg);
            }
            if (i + 1 >= args.size()) {
                return new Usage(arg + " needs a value");
            }
            String value = args.get(++i);
            try {
                switch (arg) {
                    case "--target" -> target = Optional.of(value);
                    case "--tls" -> {
                        switch (value) {
                            case "none" -> tls = TlsMode.NONE;
                            case "starttls" -> tls = TlsMode.STARTTLS;
                            case "implicit" -> tls = TlsMode.IMPLICIT;
                            default -> {
                                return new Usage("--tls takes starttls, implicit or none");
                            }
                        }
                    }
                    case "--from" -> options = options.withFrom(value);
                    case "--to" -> options = options.withTo(value);
                    case "--user" -> user = Optional.of(value);
                    case "--password" -> password = Optional.of(value);
                    case "--only" -> {
                        for (String tag : value.split(",")) {
                            if (!tag.isBlank()) {
                                only.add(tag.strip());
                            }
                        }
                    }
                    case "--report" -> {
                        Path path = Path.of(value);
                        if (path.getFileName() == null || path.getFileName().toString().matches("\\.?(md|xml)?")) {
                            return new Usage("--report takes a file name, e.g. target/conformance-report");
                        }
                        report = Optional.of(path);
                    }
                    case "--helo" -> options = options.withHelo(value);
                    case "--timeout" -> {
                        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1) {
                            return new Usage("--timeout takes seconds, 1 to 600");
                        }
                        Duration d = Duration.ofSeconds(Integer.parseInt(value));
                        options = options.withTimeouts(d, d);
                    }
                    case "--max-message-bytes" -> {
                        if (!value.matches("[0-9]{1,9}")) {
                            return new Usage("--max-message-bytes takes a number of octets, up to "
                                    + Options.MAX_MESSAGE_BYTES_CEILING);
                        }
                        options = options.withMaxMessageBytes(Long.parseLong(value));
                    }
                    case "--scenarios" -> scenarios = Optional.of(Path.of(value));
                    default -> throw new IllegalStateException("option list and switch disagree: " + arg);
                }
            } catch (IllegalArgumentException e) {
                // Options and Target validate their values; their message is the usage error.
                return new Usage(arg + ": " + e.getMessage());
            }
        }
        if (user.isPresent() != password.isPresent()) {
            return new Usage("--user and --password go together");
        }
        if (user.isPresent()) {
            try {
                options = options.withCredentials(user.get(), password.get());
            } catch (IllegalArgumentException e) {
                return new Usage("--user: " + e.getMessage());
            }
        }
        options = options.withOnly(only);
        if (list) {
            return new ListScenarios(scenarios, options.only());
        }
        if (target.isEmpty()) {
            return new Usage("--target HOST:PORT is required");
        }
        Optional<Target> parsed = target(target.get(), tls);
        if (parsed.isEmpty()) {
            return new Usage("--target takes HOST:PORT (port 1-65535), e.g. 127.0.0.1:25 or [::1]:25");
        }
        return new Run(parsed.get(), options, report, scenarios);
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}. */
    static Optional<Target> target(String text, TlsMode tls) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                return Optional.empty();
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 1 || text.indexOf(':') != colon) {
                return Optional.empty();
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (!port.matches("[0-9]{1,5}") || host.isEmpty()) {
            return Optional.empty();
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535 || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(new Target(host, p, tls));
    }

    /** The report files for {@code --report FILE}: FILE.md and FILE.xml (an .md/.xml suffix is dropped first). */
    public static List<Path> reportFiles(Path report) {
        String name = report.getFileName().toString();
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3)
                : name.endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
        List<Path> files = new ArrayList<>();
        files.add(report.resolveSibling(base + ".md"));
        files.add(report.resolveSibling(base + ".xml"));
        return files;
    }
}
