package smtp.server.internal.users;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for user names: a user is a mailbox of every local domain, so its name is a
 * plain RFC 5321 §4.1.2 Dot-string local-part in lower case, from a safe subset that is also a
 * safe directory name under {@code maildir.root}.
 */
public final class Users {

    /** Lower-case letters, digits, and ".", "-", "_" inside; at most 64 octets (RFC 5321 §4.5.3.1.1). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?");

    private Users() {
    }

    /** True when {@code name} may be a user (and Maildir) name. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches() && !name.contains("..");
    }

    /** The form names are stored and compared in. */
    public static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
