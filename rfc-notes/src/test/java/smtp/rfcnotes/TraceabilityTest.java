package smtp.rfcnotes;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps rfc-notes/ and the code in step (see rfc-notes/README.md for the convention).
 *
 * <ul>
 * <li>every requirement ID in a notes table is named by at least one test's {@code @Tag("ID")};</li>
 * <li>every requirement-shaped {@code @Tag} in a test names an ID that the notes list;</li>
 * <li>every class named in a Code or Tests column exists as a source file;</li>
 * <li>every test class named in a Tests column carries that row's {@code @Tag("ID")} (so a row
 *     cannot cite a test that checks something else);</li>
 * <li>IDs are unique;</li>
 * <li>every {@code DEVIATION(RFC n §s)} marker in main code is listed in deviations.md;</li>
 * <li>every rfcNNNN.md file is listed in the index, rfc-notes/README.md.</li>
 * </ul>
 */
class TraceabilityTest {

    /** A requirement ID: RFC number, a dash, a section (e.g. 5321-4.5.3.1.4, 7208-4.6.4, 5321-D.1). */
    static final Pattern ID = Pattern.compile("\\d{4}-[0-9A-Za-z][0-9A-Za-z.\\-]*");
    static final Pattern TAG = Pattern.compile("@Tag\\(\"(" + ID.pattern() + ")\"\\)");
    static final Pattern ROW = Pattern.compile("^\\|\\s*(" + ID.pattern() + ")\\s*\\|(.*)\\|\\s*$");
    static final Pattern CODE = Pattern.compile("`([A-Za-z_][\\w.]*)(?:#\\w+)?`");
    static final Pattern DEVIATION = Pattern.compile("DEVIATION\\((RFC \\d{4} §[0-9A-Za-z.]+)\\)");

    static Path root;
    static Map<String, String> requirements = new TreeMap<>(); // ID -> file
    static List<String> duplicateIds = new ArrayList<>();
    static Map<String, Set<String>> rowNames = new TreeMap<>(); // ID -> names in code/tests columns
    static Map<String, Set<String>> rowTests = new TreeMap<>(); // ID -> names in the Tests column (the last cell)
    static Map<String, List<String>> testSources = new TreeMap<>(); // simple and qualified name -> test file texts
    static Map<String, Set<String>> tagsInTests = new TreeMap<>(); // ID -> test files
    static Set<String> sourceFiles = new TreeSet<>(); // simple and qualified names of all .java files

    @BeforeAll
    static void scan() throws IOException {
        String prop = System.getProperty("project.root");
        root = prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("").toAbsolutePath().getParent();
        assertTrue(Files.isDirectory(root.resolve("rfc-notes")), "no rfc-notes/ under " + root);
        try (Stream<Path> notes = Files.list(root.resolve("rfc-notes"))) {
            for (Path md : notes.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                for (String line : Files.readAllLines(md)) {
                    Matcher m = ROW.matcher(line);
                    if (!m.matches()) {
                        continue;
                    }
                    String id = m.group(1);
                    if (requirements.put(id, md.getFileName().toString()) != null) {
                        duplicateIds.add(id + " (" + md.getFileName() + ")");
                    }
                    Set<String> names = new TreeSet<>();
                    Matcher c = CODE.matcher(m.group(2));
                    while (c.find()) {
                        names.add(c.group(1));
                    }
                    rowNames.put(id, names);
                    // | ID | Level | Requirement | Code | Tests |: the Tests cell is the last one.
                    String cells = m.group(2);
                    Set<String> tests = new TreeSet<>();
                    Matcher t = CODE.matcher(cells.substring(cells.lastIndexOf('|') + 1));
                    while (t.find()) {
                        tests.add(t.group(1));
                    }
                    rowTests.put(id, tests);
                }
            }
        }
        for (Path java : javaFiles()) {
            String rel = root.relativize(java).toString();
            String simple = java.getFileName().toString().replace(".java", "");
            sourceFiles.add(simple);
            int src = rel.indexOf("/java/");
            if (src >= 0) {
                sourceFiles.add(rel.substring(src + 6).replace(".java", "").replace('/', '.'));
            }
            if (rel.contains("/src/test/")) {
                String text = Files.readString(java);
                testSources.computeIfAbsent(simple, k -> new ArrayList<>()).add(text);
                if (src >= 0) {
                    testSources.computeIfAbsent(rel.substring(src + 6).replace(".java", "").replace('/', '.'),
                            k -> new ArrayList<>()).add(text);
                }
                Matcher t = TAG.matcher(text);
                while (t.find()) {
                    tagsInTests.computeIfAbsent(t.group(1), k -> new TreeSet<>()).add(simple);
                }
            }
        }
    }

    static List<Path> javaFiles() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !root.relativize(p).toString().contains("target/"))
                    .filter(p -> root.relativize(p).toString().contains("src/"))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Test
    void everyRequirementNamesAtLeastOneTest() {
        List<String> untested = requirements.keySet().stream()
                .filter(id -> !tagsInTests.containsKey(id))
                .map(id -> id + " (" + requirements.get(id) + ")").toList();
        if (!untested.isEmpty()) {
            fail("requirements in rfc-notes/ with no test carrying @Tag(\"ID\"):\n  " + String.join("\n  ", untested));
        }
    }

    @Test
    void everyTaggedTestNamesAListedRequirement() {
        List<String> unknown = tagsInTests.entrySet().stream()
                .filter(e -> !requirements.containsKey(e.getKey()))
                .map(e -> e.getKey() + " in " + e.getValue()).toList();
        if (!unknown.isEmpty()) {
            fail("tests tag requirement IDs that rfc-notes/ does not list:\n  " + String.join("\n  ", unknown));
        }
    }

    @Test
    void requirementIdsAreUnique() {
        if (!duplicateIds.isEmpty()) {
            fail("requirement IDs listed twice: " + duplicateIds);
        }
    }

    @Test
    void everyNamedClassExists() {
        List<String> missing = new ArrayList<>();
        rowNames.forEach((id, names) -> names.stream()
                .filter(n -> Character.isUpperCase(n.charAt(n.lastIndexOf('.') + 1)))
                .filter(n -> !sourceFiles.contains(n))
                .forEach(n -> missing.add(id + ": " + n)));
        if (!missing.isEmpty()) {
            fail("rfc-notes/ names classes that do not exist:\n  " + String.join("\n  ", missing));
        }
    }

    @Test
    void everyTestNamedInARowCarriesItsTag() {
        List<String> wrong = new ArrayList<>();
        rowTests.forEach((id, names) -> names.stream()
                .filter(n -> Character.isUpperCase(n.charAt(n.lastIndexOf('.') + 1)))
                .forEach(n -> {
                    List<String> texts = testSources.get(n);
                    if (texts == null) {
                        if (sourceFiles.contains(n)) {
                            wrong.add(id + ": " + n + " is not a test class (Tests column)");
                        }
                        return; // a missing class is everyNamedClassExists' report
                    }
                    if (texts.stream().noneMatch(t -> t.contains("@Tag(\"" + id + "\")"))) {
                        wrong.add(id + ": " + n + " has no @Tag(\"" + id + "\")");
                    }
                }));
        if (!wrong.isEmpty()) {
            fail("rfc-notes/ rows name test classes that do not check them:\n  " + String.join("\n  ", wrong));
        }
    }

    @Test
    void everyNotesFileIsInTheIndex() throws IOException {
        String index = Files.readString(root.resolve("rfc-notes/README.md"));
        List<String> missing;
        try (Stream<Path> notes = Files.list(root.resolve("rfc-notes"))) {
            missing = notes.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("rfc\\d+\\.md"))
                    .filter(n -> !index.contains("(" + n + ")"))
                    .sorted().toList();
        }
        if (!missing.isEmpty()) {
            fail("rfc-notes/README.md does not list: " + missing);
        }
    }

    @Test
    void everyDeviationIsListed() throws IOException {
        Path list = root.resolve("rfc-notes/deviations.md");
        String listed = Files.isRegularFile(list) ? Files.readString(list) : "";
        List<String> unlisted = new ArrayList<>();
        for (Path java : javaFiles()) {
            if (!root.relativize(java).toString().contains("/src/main/")) {
                continue;
            }
            Matcher d = DEVIATION.matcher(Files.readString(java));
            String simple = java.getFileName().toString().replace(".java", "");
            while (d.find()) {
                if (!listed.contains(d.group(1)) || !listed.contains(simple)) {
                    unlisted.add(d.group(1) + " in " + simple);
                }
            }
        }
        if (!unlisted.isEmpty()) {
            fail("DEVIATION markers missing from rfc-notes/deviations.md (need the RFC §, and the class name):\n  "
                    + String.join("\n  ", unlisted));
        }
    }
}
