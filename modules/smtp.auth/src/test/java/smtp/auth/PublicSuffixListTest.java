package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.dns.testing.Interop;

/** The Public Suffix List's own test vectors (tests.txt and test_psl.txt) against the bundled list. */
class PublicSuffixListTest {

    static final Pattern CHECK = Pattern.compile("checkPublicSuffix\\((null|'[^']*'), (null|'[^']*')\\);");

    @Test
    @Tag("7489-3.2")
    void passesThePslTestsTxt_rfc7489_3_2() throws Exception {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(Interop.sharedData("conformance-data/psl/tests.txt"))) {
            if (line.isBlank() || line.startsWith("//")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            n++;
            check(parts[0], parts[1], failures);
        }
        assertTrue(n > 70, "read the vectors");
        assertEquals(List.of(), failures);
    }

    @Test
    @Tag("7489-3.2")
    void passesThePslTestPslTxt_rfc7489_3_2() throws Exception {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(Interop.sharedData("conformance-data/psl/test_psl.txt"))) {
            Matcher m = CHECK.matcher(line);
            if (!line.startsWith("//") && m.find()) {
                n++;
                check(unquote(m.group(1)), unquote(m.group(2)), failures);
            }
        }
        assertTrue(n > 70, "read the vectors");
        assertEquals(List.of(), failures);
    }

    private static String unquote(String s) {
        return s.equals("null") ? "null" : s.substring(1, s.length() - 1);
    }

    private static void check(String input, String expected, List<String> failures) {
        if (input.equals("null")) {
            return; // a null input has no Java counterpart (the API takes non-null strings)
        }
        Optional<String> got = PublicSuffixList.bundled().registrableDomain(input);
        Optional<String> want = expected.equals("null") ? Optional.empty() : Optional.of(expected);
        if (!got.equals(want)) {
            failures.add(input + " -> " + got + ", expected " + want);
        }
    }

    @Test
    @Tag("7489-3.2")
    void organizationalDomainsOfOpenDmarcTestTld_rfc7489_3_2() {
        PublicSuffixList psl = PublicSuffixList.bundled();
        assertEquals("bcx.com", psl.organizationalDomain("a.b.c.bcx.com"));
        assertEquals("educ.ar", psl.organizationalDomain("a.b.c.educ.ar"));
        assertEquals("c.xn--mgba3a4f16a.ir", psl.organizationalDomain("a.b.c.xn--mgba3a4f16a.ir"));
        assertEquals("com", psl.organizationalDomain("com"));
    }

    @Test
    @Tag("7489-3.2")
    void aNewerListReplacesTheBundledOne_rfc7489_3_2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("list.dat");
        Files.writeString(file, "// test list\nexample\n*.wild.example\n!keep.wild.example\n");
        PublicSuffixList psl = PublicSuffixList.load(file);
        assertEquals("b.example", psl.organizationalDomain("a.b.example"));
        assertEquals("x.y.wild.example", psl.organizationalDomain("w.x.y.wild.example"));
        assertEquals("keep.wild.example", psl.organizationalDomain("a.keep.wild.example"));
        assertEquals(Optional.empty(), PublicSuffixList.parse(new StringReader("com\n")).registrableDomain("com"));
    }
}
