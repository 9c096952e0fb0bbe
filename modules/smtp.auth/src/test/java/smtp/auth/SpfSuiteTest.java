package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import smtp.dns.testing.Interop;

/**
 * The OpenSPF RFC 7208 test suite (release 2014.04 + 2019.08 additions, 203 tests) run against
 * {@link SpfVerifier}, each scenario's zone data served by an in-memory {@link ZoneResolver},
 * translated the way the suite's reference driver (pyspf's testspf.py) does: SPF-type records
 * stand in for TXT unless the name lists a TXT entry ("TXT: NONE" meaning none), and TIMEOUT
 * makes queries for types without an earlier entry time out. Where the suite allows several
 * results, any listed one passes; an {@code explanation} is compared exactly, with the default
 * explanation set to "DEFAULT" as the driver does.
 */
class SpfSuiteTest {

    /** One test of the suite. */
    record Case(String scenario, String name, String helo, String host, String mailfrom, List<String> results,
                Optional<String> explanation, ZoneResolver zone) {
    }

    static List<Case> load(Path file) throws Exception {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (Object doc : yaml.loadAll(in)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> scenario = (Map<String, Object>) doc;
                ZoneResolver zone = zone(asMap(scenario.get("zonedata")));
                String description = String.valueOf(scenario.get("description"));
                for (Map.Entry<String, Object> t : asMap(scenario.get("tests")).entrySet()) {
                    Map<String, Object> test = asMap(t.getValue());
                    Object result = test.get("result");
                    List<String> results = result instanceof List<?> l
                            ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(result));
                    cases.add(new Case(description, t.getKey(), String.valueOf(test.get("helo")),
                            String.valueOf(test.get("host")), String.valueOf(test.get("mailfrom")), results,
                            Optional.ofNullable(test.get("explanation")).map(String::valueOf), zone));
                }
            }
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    /** pyspf testspf.py getrdata(): the zone as the reference driver serves it. */
    static ZoneResolver zone(Map<String, Object> zonedata) {
        ZoneResolver z = new ZoneResolver();
        for (Map.Entry<String, Object> e : zonedata.entrySet()) {
            String name = e.getKey();
            List<String> generatedTxt = new ArrayList<>();
            boolean explicitTxt = false;
            for (Object rr : (List<?>) e.getValue()) {
                if ("TIMEOUT".equals(rr)) {
                    z.timeout(name);
                    continue;
                }
                for (Map.Entry<?, ?> kv : ((Map<?, ?>) rr).entrySet()) {
                    String type = String.valueOf(kv.getKey());
                    Object v = kv.getValue();
                    switch (type) {
                        case "TXT" -> {
                            explicitTxt = true;
                            if (!"NONE".equals(v)) {
                                z.txt(name, text(v));
                            }
                        }
                        case "SPF" -> {
                            if (!"NONE".equals(v)) {
                                generatedTxt.add(text(v));
                            }
                        }
                        case "A" -> z.a(name, String.valueOf(v));
                        case "AAAA" -> z.aaaa(name, String.valueOf(v));
                        case "PTR" -> z.ptr(name, String.valueOf(v));
                        case "CNAME" -> z.cname(name, String.valueOf(v));
                        case "MX" -> {
                            List<?> mx = (List<?>) v;
                            z.mx(name, ((Number) mx.get(0)).intValue(), String.valueOf(mx.get(1)));
                        }
                        default -> throw new IllegalArgumentException("unknown RR type " + type);
                    }
                }
            }
            if (!explicitTxt) {
                generatedTxt.forEach(t -> z.txt(name, t));
            }
        }
        return z;
    }

    /** A TXT value: one string, or a list of character-strings joined with nothing between (RFC 7208 §3.3). */
    private static String text(Object v) {
        if (v instanceof List<?> parts) {
            StringBuilder sb = new StringBuilder();
            parts.forEach(sb::append);
            return sb.toString();
        }
        return String.valueOf(v);
    }

    static boolean passes(Case c, SpfOutcome o) {
        if (!c.results().contains(o.result().keyword())) {
            return false;
        }
        return c.explanation().isEmpty() || c.explanation().equals(o.explanation());
    }

    static SpfOutcome run(Case c) throws Exception {
        SpfVerifier spf = new SpfVerifier(c.zone(), SpfConfig.defaults().withDefaultExplanation("DEFAULT"));
        return spf.checkMailFrom(InetAddress.getByName(c.host()), c.mailfrom(), c.helo());
    }

    private static Path suite() {
        return Interop.sharedData("conformance-data/spf/rfc7208-tests.yml");
    }

    @TestFactory
    @Tag("7208-4.3")
    @Tag("7208-4.4")
    @Tag("7208-4.5")
    @Tag("7208-4.6.1")
    @Tag("7208-4.6.4a")
    @Tag("7208-4.6.4b")
    @Tag("7208-4.6.4c")
    @Tag("7208-4.6.4d")
    @Tag("7208-5.2")
    @Tag("7208-5.3")
    @Tag("7208-5.4")
    @Tag("7208-5.5")
    @Tag("7208-5.6")
    @Tag("7208-5.7")
    @Tag("7208-6.1")
    @Tag("7208-6.2")
    @Tag("7208-7.1")
    @Tag("7208-7.3")
    List<DynamicTest> openSpfRfc7208Suite() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : load(suite())) {
            tests.add(DynamicTest.dynamicTest(c.scenario() + " / " + c.name(), () -> {
                SpfOutcome o = run(c);
                assertTrue(passes(c, o), c.name() + ": expected " + c.results()
                        + c.explanation().map(x -> " with explanation \"" + x + "\"").orElse("")
                        + ", got " + o.result().keyword() + o.explanation().map(x -> " \"" + x + "\"").orElse("")
                        + " (" + o.reason() + ")");
            }));
        }
        return tests;
    }

    @Test
    @Tag("7208-4.3")
    void passesAll203TestsOfTheSuite() throws Exception {
        List<Case> cases = load(suite());
        List<String> failed = new ArrayList<>();
        for (Case c : cases) {
            SpfOutcome o = run(c);
            if (!passes(c, o)) {
                failed.add(c.name() + " -> " + o.result().keyword().toLowerCase(Locale.ROOT));
            }
        }
        System.out.println("OpenSPF RFC 7208 suite: " + (cases.size() - failed.size()) + " of " + cases.size() + " passed");
        assertEquals(203, cases.size(), "the suite has 203 tests");
        assertEquals(List.of(), failed);
    }
}
