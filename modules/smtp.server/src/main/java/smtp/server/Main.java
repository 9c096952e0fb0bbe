package smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import smtp.queue.QueueAdmin;
import smtp.server.internal.admin.UserAdd;
import smtp.server.internal.config.ConfigKey;
import smtp.server.internal.users.PasswordFileEditor;
import smtp.session.ScramCredential;

/**
 * The command line: {@code java -p dist/modules -m smtp.server [--config FILE] [SUBCOMMAND]}.
 * Without a subcommand the MTA runs until SIGTERM (or Ctrl-C), then shuts down gracefully.
 *
 * <h2>Diagnostics</h2>
 * Exit status 0 on success, 1 when the configuration or the start fails (one line per problem:
 * file, key, reason; never a stack trace), 2 for a usage error.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status, or -1 after the server ran and stopped. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Optional<Path> config = Optional.empty();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(usage());
                    return 0;
                }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        err.println("smtp.server: --config needs a file (see --help)");
                        return 2;
                    }
                    config = Optional.of(Path.of(args[++i]));
                }
                default -> rest.add(args[i]);
            }
        }
        ServerSettings settings;
        if (config.isPresent()) {
            switch (Settings.load(config.get())) {
                case SettingsResult.Valid v -> settings = v.settings();
                case SettingsResult.Invalid i -> {
                    i.problems().forEach(p -> err.println("smtp.server: " + p));
                    return 1;
                }
            }
        } else {
            settings = Settings.defaults();
        }
        if (rest.isEmpty()) {
            return serve(settings, config.isEmpty(), out, err);
        }
        return switch (rest.get(0)) {
            case "queue" -> QueueAdmin.run(settings.queueDir(), rest.subList(1, rest.size()), out, err);
            case "user" -> {
                if (rest.size() != 3 || !rest.get(1).equals("add")) {
                    err.println("smtp.server: usage: user add NAME");
                    yield 2;
                }
                yield UserAdd.run(settings.usersFile(), rest.get(2), in, out, err);
            }
            default -> {
                err.println("smtp.server: unknown command \"" + rest.get(0) + "\" (see --help)");
                yield 2;
            }
        };
    }

    private static int serve(ServerSettings settings, boolean embeddedDefaults, PrintStream out, PrintStream err) {
        if (embeddedDefaults && !Files.exists(settings.usersFile())) {
            try {
                demoUser(settings, out);
            } catch (IOException e) {
                err.println("smtp.server: " + settings.source() + ": users.file: cannot create the demo user: " + e.getMessage());
                return 1;
            }
        }
        MailServer server;
        try {
            server = MailServer.start(settings);
        } catch (ServerStartException e) {
            err.println("smtp.server: " + e.getMessage());
            return 1;
        }
        // SIGTERM and Ctrl-C run the shutdown hooks: a graceful shutdown within shutdown.grace.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        try {
            server.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** First start on the embedded defaults: a user "demo" with a generated password, printed this once. */
    private static void demoUser(ServerSettings settings, PrintStream out) throws IOException {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PasswordFileEditor.set(settings.usersFile(), "demo", ScramCredential.derive(password));
        out.println("smtp.server: first start: created the user demo (demo@" + settings.hostname() + ") in "
                + settings.usersFile());
        out.println("smtp.server: its password is " + password + " (shown only now; change it with: user add demo)");
        out.flush();
    }

    /** The text of --help. */
    static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("""
                Usage: java -p dist/modules -m smtp.server [--config FILE] [COMMAND]

                Without a command, runs the MTA until SIGTERM or Ctrl-C. With no --config it uses
                the embedded defaults (127.0.0.1 ports 2525/2587/2465, domain localhost, ./var/),
                makes a self-signed certificate and a demo user at first start.

                Options:
                  --config FILE       read the configuration from FILE (Java properties, UTF-8)
                  --help              show this text

                Commands (each takes the same --config FILE):
                  queue list          list the queue (id, size, arrival, next attempt, sender, each
                                      recipient with its state, attempts and last error)
                  queue show ID       show one message with its state and content
                  queue flush         retry every message now, except held ones (the destinations'
                                      backoff and the hosts remembered as unreachable are forgotten)
                  queue delete ID...  remove messages (ALL for every message), without a bounce
                  queue hold ID...    hold messages (ALL for every message)
                  queue release ID... release held messages (ALL for every one) and try them now
                  user add NAME       add a user or change its password; the password is read
                                      without echo from a terminal, or as one line from stdin

                The queue commands work while the server runs (through <queue.dir>/control.sock)
                and on the spool itself when it is stopped.

                Configuration keys (default in brackets):
                """);
        for (ConfigKey k : ConfigKey.values()) {
            b.append(String.format("  %-27s %s [%s]%n", k.key(), k.description(), k.defaultValue()));
        }
        return b.toString();
    }
}
