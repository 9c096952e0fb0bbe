package smtp.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.internal.MxRouting;

/**
 * RFC 5321 §5.1: "If there are multiple destinations with the same preference [...] the
 * sender-SMTP MUST randomize them". Checked statistically: every order of three equal
 * preferences must come up about equally often (a chi-square test whose threshold a fair
 * shuffle exceeds with probability below 10^-9, so the test does not flake), and a record of
 * another preference never moves.
 */
class MxShuffleTest {

    static final InMemoryResolver DNS = InMemoryResolver.builder()
            .mx("shuffle.example", 10, "s1.example").mx("shuffle.example", 10, "s2.example")
            .mx("shuffle.example", 10, "s3.example").mx("shuffle.example", 20, "s4.example")
            .mx("shuffle.example", 5, "s0.example")
            .a("s0.example", "192.0.2.30").a("s1.example", "192.0.2.31").a("s2.example", "192.0.2.32")
            .a("s3.example", "192.0.2.33").a("s4.example", "192.0.2.34")
            .build();

    /** The chi-square value above which 5 degrees of freedom occur with probability < 1e-9. */
    static final double CHI2_5DOF_1E9 = 50.9;

    @Test
    @Tag("5321-5.1i")
    void equalPreferencesComeInEveryOrderEquallyOften_rfc5321_5_1() {
        MxResolver router = new MxResolver(DNS, Set.of());
        int runs = 6000;
        Map<List<String>, Integer> orders = new HashMap<>();
        for (int i = 0; i < runs; i++) {
            List<String> names = ((MxRoute.Hosts) router.route("shuffle.example")).hosts().stream().map(MxHost::name).toList();
            assertEquals("s0.example", names.get(0), "preference 5 always first");
            assertEquals("s4.example", names.get(4), "preference 20 always last");
            orders.merge(names.subList(1, 4), 1, Integer::sum);
        }
        assertEquals(6, orders.size(), "all 3! orders of the equal preferences occur: " + orders);
        assertTrue(chiSquare(orders.values(), runs / 6.0) < CHI2_5DOF_1E9, "orders not uniform: " + orders);
    }

    @Test
    @Tag("5321-5.1i")
    void theShuffleIsDrivenByItsRandomSource_rfc5321_5_1() {
        // The same seed gives the same orders; different seeds do not all agree.
        List<List<String>> a = orders(new SplittableRandom(42), 20);
        assertEquals(a, orders(new SplittableRandom(42), 20));
        assertTrue(!a.equals(orders(new SplittableRandom(43), 20)));
    }

    static List<List<String>> orders(RandomGenerator random, int n) {
        MxRouting routing = new MxRouting(DNS, Set.of(), Set.of(), MxResolver.AddressOrder.IPV4_ONLY, () -> random);
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> ((MxRoute.Hosts) routing.route("shuffle.example")).hosts().stream().map(MxHost::name).toList())
                .toList();
    }

    static double chiSquare(Iterable<Integer> observed, double expected) {
        double chi2 = 0;
        for (int o : observed) {
            chi2 += (o - expected) * (o - expected) / expected;
        }
        return chi2;
    }
}
