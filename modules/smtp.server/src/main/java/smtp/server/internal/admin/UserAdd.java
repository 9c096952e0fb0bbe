package smtp.server.internal.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import smtp.server.internal.users.PasswordFileEditor;
import smtp.server.internal.users.Users;
import smtp.session.ScramCredential;

/**
 * The {@code user add NAME} subcommand: reads the password without echo from a terminal (twice,
 * to catch typing mistakes), or as one line from standard input when that is not a terminal
 * (scripts: {@code echo secret | ... user add alice}), and stores its salted hash.
 */
public final class UserAdd {

    private UserAdd() {
    }

    /** Runs the subcommand; returns the exit status (0 done, 1 failed, 2 usage). */
    public static int run(Path usersFile, String name, InputStream stdin, PrintStream out, PrintStream err) {
        String user = Users.normalize(name);
        if (!Users.isValidName(user)) {
            err.println("smtp.server: user add: \"" + name + "\" is not a valid user name"
                    + " (lower-case letters, digits, and . - _ inside; at most 64 characters)");
            return 2;
        }
        Optional<String> password;
        try {
            password = readPassword(user, stdin, err);
        } catch (IOException e) {
            err.println("smtp.server: user add: cannot read the password: " + e.getMessage());
            return 1;
        }
        if (password.isEmpty()) {
            return 1;
        }
        try {
            boolean created = PasswordFileEditor.set(usersFile, user, ScramCredential.derive(password.get()));
            out.println("smtp.server: user " + user + (created ? " added to " : ": password changed in ") + usersFile);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("smtp.server: user add: cannot write " + usersFile + ": " + e.getMessage());
            return 1;
        }
    }

    private static Optional<String> readPassword(String user, InputStream stdin, PrintStream err) throws IOException {
        Console console = System.console();
        if (console != null && isTerminal(console)) {
            char[] first = console.readPassword("Password for %s: ", user);
            char[] second = console.readPassword("Repeat the password: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("smtp.server: user add: the passwords differ; nothing changed");
                return Optional.empty();
            }
            return nonEmpty(new String(first), err);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line = r.readLine();
        return nonEmpty(line == null ? "" : line, err);
    }

    private static Optional<String> nonEmpty(String pw, PrintStream err) {
        if (pw.isEmpty()) {
            err.println("smtp.server: user add: empty password; nothing changed");
            return Optional.empty();
        }
        return Optional.of(pw);
    }

    /** JDK 22+ has Console.isTerminal(); on 21, a Console exists only for a terminal. */
    private static boolean isTerminal(Console c) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
