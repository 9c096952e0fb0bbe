package smtp.auth.internal.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class SpfRecordParserTest {

    static SpfRecord ok(String record) {
        Parsed<SpfRecord> p = SpfRecordParser.parse(record);
        assertInstanceOf(Parsed.Ok.class, p, () -> record + ": " + p);
        return ((Parsed.Ok<SpfRecord>) p).value();
    }

    static void bad(String record) {
        assertInstanceOf(Parsed.Malformed.class, SpfRecordParser.parse(record), record);
    }

    @Test
    @Tag("7208-4.5")
    void versionMustBeFollowedBySpaceOrEnd_rfc7208_4_5() {
        assertTrue(SpfRecordParser.isSpfRecord("v=spf1"));
        assertTrue(SpfRecordParser.isSpfRecord("V=SpF1 -all"));
        assertFalse(SpfRecordParser.isSpfRecord("v=spf10"));
        assertFalse(SpfRecordParser.isSpfRecord("v=spf1mx"));
        assertFalse(SpfRecordParser.isSpfRecord("spf2.0/pra"));
    }

    @Test
    @Tag("7208-4.6.1")
    void parsesEveryMechanismWithQualifiersAndCidrs_rfc7208_4_6_1() {
        SpfRecord r = ok("v=spf1 +a -mx:example.org/24//64 ~ptr ?ip4:192.0.2.0/24 ip6:2001:db8::/32 "
                + "include:_spf.example.com exists:%{i}.bl.example.com all redirect=other.example exp=why.example unknown=x");
        assertEquals(8, r.directives().size());
        assertEquals(Qualifier.FAIL, r.directives().get(1).qualifier());
        assertEquals(new Mechanism.Mx(Optional.of(((Parsed.Ok<MacroString>) MacroSyntax.parse("example.org",
                MacroSyntax.Use.DOMAIN_SPEC)).value()), 24, 64).toString(), r.directives().get(1).mechanism().toString());
        assertEquals("ip4:192.0.2.0/24", r.directives().get(3).mechanism().toString());
        assertEquals("ip6:2001:db8::/32", r.directives().get(4).mechanism().toString());
        assertTrue(r.redirect().isPresent());
        assertTrue(r.explanation().isPresent());
    }

    @Test
    @Tag("7208-4.6.1")
    void rejectsMalformedTerms_rfc7208_4_6_1() {
        for (String s : List.of("v=spf1 -all.", "v=spf1 all:x", "v=spf1 ip4:1.2.3.4/33", "v=spf1 ip4:1.2.3.4/032",
                "v=spf1 ip4:01.2.3.4", "v=spf1 ip4:1.2.3", "v=spf1 ip6:::1/129", "v=spf1 ip6::CAFE::BABE",
                "v=spf1 a/24/64", "v=spf1 a:", "v=spf1 include", "v=spf1 exists:x.example.com/24", "v=spf1 ptr/0",
                "v=spf1 1up=foo", "v=spf1 =all", "v=spf1 redirect:x.example", "v=spf1 a:foo\u0000",
                "v=spf1 a:x.example\u00e9", "v=spf1 foo=%abc", "v=spf1 -redirect=x.example")) {
            bad(s);
        }
    }

    @Test
    @Tag("7208-6")
    void redirectAndExpAtMostOnce_rfc7208_6() {
        bad("v=spf1 redirect=a.example redirect=b.example");
        bad("v=spf1 exp=a.example exp=b.example");
        bad("v=spf1 exp=");
        ok("v=spf1 default=pass moo.cow-far_out=man:dog/cat");
    }

    /** Generates record-like strings: "v=spf1" and terms made of SPF-ish characters. */
    static Gen<String> recordish() {
        String alphabet = "v=spf1 +-~?allincludeaxptrip46exists:/.%{}_dr0123456789=redirectexp";
        return strings().betweenCodePoints(0, alphabet.length() - 1).ofLengthBetween(0, 60)
                .map(s -> "v=spf1 " + s.codePoints().mapToObj(c -> String.valueOf(alphabet.charAt(c % alphabet.length())))
                        .reduce("", String::concat));
    }

    @Test
    @Tag("7208-4.6")
    void noInputMakesTheParserThrow_rfc7208_4_6() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(s -> {
            SpfRecordParser.parse(s);
            SpfRecordParser.parse("v=spf1 " + s);
            MacroSyntax.parse(s, MacroSyntax.Use.DOMAIN_SPEC);
            MacroSyntax.parse(s, MacroSyntax.Use.EXPLAIN_STRING);
        });
        qt().forAll(recordish()).checkAssert(SpfRecordParser::parse);
    }

    @Test
    @Tag("7208-7.3")
    void noParsedMacroStringMakesTheExpanderThrow_rfc7208_7_3() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 60), integers().between(0, 1)).checkAssert((s, v6) -> {
            if (MacroSyntax.parse(s, MacroSyntax.Use.EXPLAIN_STRING) instanceof Parsed.Ok<MacroString> ok) {
                MacroExpander.expand(ok.value(), new MacroExpander.Context("a.b-c@d.example", "a.b-c", "d.example",
                        "d.example", v6 == 0 ? MacroExpanderTest.IP4 : MacroExpanderTest.IP6, s, "r", 0, () -> "p"));
            }
        });
    }

    @Test
    @Tag("7208-5.6")
    void parsesIpv6TextForms_rfc4291_2_2() {
        assertEquals("2001:db8::1", IpLiterals.text(IpLiterals.parseIp6("2001:DB8:0:0:0:0:0:1").orElseThrow()));
        assertEquals("::ffff:102:304", IpLiterals.text(IpLiterals.parseIp6("::FFFF:1.2.3.4").orElseThrow()));
        assertEquals("::", IpLiterals.text(IpLiterals.parseIp6("::").orElseThrow()));
        assertTrue(IpLiterals.parseIp6("1:2:3:4:5:6:7:8:9").isEmpty());
        assertTrue(IpLiterals.parseIp6("1::2::3").isEmpty());
        assertTrue(IpLiterals.parseIp6("1.2.3.4::").isEmpty());
    }
}
