package smtp.dns.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides what an interop or integration test does when a real peer (NSD, Postfix, swaks,
 * aiosmtpd, dkimpy, OpenDKIM...) or the shared conformance data is missing: on a developer's
 * machine it skips; in CI ({@code SMTP_INTEROP_REQUIRED=1}, set by {@code .ci/run}) it fails,
 * so that a skipped interop test can never pass as green.
 *
 * <p>Part of the smtp.dns test-jar, which the other modules' tests depend on.
 */
public final class Interop {

    private Interop() {
    }

    /** True in CI: missing peers are failures, not skips. */
    public static boolean required() {
        return "1".equals(System.getenv("SMTP_INTEROP_REQUIRED"))
                || Boolean.getBoolean("interop.required");
    }

    /** Skips (or, in CI, fails) unless {@code condition} holds. */
    public static void assume(boolean condition, String what) {
        if (condition) {
            return;
        }
        if (required()) {
            Assertions.fail("interop peer missing in CI: " + what);
        }
        Assumptions.abort("skipped, peer missing: " + what);
    }

    /** The absolute path of an executable named {@code name} on PATH or in the usual sbin dirs. */
    public static Optional<Path> findExecutable(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postfix/sbin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Paths.get(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The executable, or skip (fail in CI) when absent. */
    public static Path requireExecutable(String name) {
        Optional<Path> p = findExecutable(name);
        assume(p.isPresent(), name + " (install the Debian package; .ci/run does)");
        return p.orElseThrow();
    }

    /**
     * Debian's python3, which has the python3-* packages (dkimpy, aiosmtpd); the first python3 on
     * PATH may be another installation without them.
     */
    public static Path debianPython() {
        Path p = Paths.get("/usr/bin/python3");
        assume(Files.isExecutable(p), "/usr/bin/python3");
        return p;
    }

    /** The shared conformance data directory (system property shared.dir), or skip/fail. */
    public static Path sharedData(String relative) {
        String dir = System.getProperty("shared.dir", "");
        Path p = dir.isEmpty() ? Paths.get("../../../shared").resolve(relative) : Paths.get(dir).resolve(relative);
        assume(Files.exists(p), "shared conformance data " + p.toAbsolutePath().normalize());
        return p;
    }
}
