package smtp.conformance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import smtp.conformance.Scenario;

/**
 * The scenario files shipped in the module, under {@code smtp/conformance/scenarios/}, in the
 * order of the {@code index} file there.
 *
 * <h2>Diagnostics</h2>
 * A missing or malformed built-in file is a broken invariant of the build:
 * {@link IllegalStateException}.
 */
public final class BuiltInScenarios {

    private BuiltInScenarios() {
    }

    static final String DIRECTORY = "/smtp/conformance/scenarios/";

    private static volatile List<Scenario> cache;

    /** All built-in scenarios, parsed once. */
    public static List<Scenario> all() {
        List<Scenario> c = cache;
        if (c == null) {
            c = load();
            cache = c;
        }
        return c;
    }

    /** The file names listed in the index, in order. */
    public static List<String> files() {
        return read("index").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The text of one built-in file. */
    public static String text(String file) {
        return read(file);
    }

    private static List<Scenario> load() {
        List<Scenario> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String file : files()) {
            for (Scenario s : Scenario.parse(file, read(file)).orElseThrow()) {
                if (!ids.add(s.id())) {
                    throw new IllegalStateException("duplicate built-in scenario id " + s.id() + " in " + file);
                }
                all.add(s);
            }
        }
        return List.copyOf(all);
    }

    private static String read(String name) {
        try (InputStream in = BuiltInScenarios.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario file missing: " + DIRECTORY + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
