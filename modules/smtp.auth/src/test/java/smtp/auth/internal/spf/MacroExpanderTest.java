package smtp.auth.internal.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 7208 §7.4's worked examples, and the syntax rules of §7.1. */
class MacroExpanderTest {

    static final byte[] IP4 = IpLiterals.parseIp4("192.0.2.3").orElseThrow();
    static final byte[] IP6 = IpLiterals.parseIp6("2001:db8::cb01").orElseThrow();

    static String expand(String macro, byte[] ip) {
        MacroExpander.Context ctx = new MacroExpander.Context("strong-bad@email.example.com", "strong-bad",
                "email.example.com", "email.example.com", ip, "mx.example.org", "receiver.example", 1234567890L,
                () -> "unknown");
        Parsed<MacroString> p = MacroSyntax.parse(macro, MacroSyntax.Use.EXPLAIN_STRING);
        return MacroExpander.expand(((Parsed.Ok<MacroString>) p).value(), ctx);
    }

    @Test
    @Tag("7208-7.3")
    void expandsTheExamplesOfSection7_4_rfc7208_7_4() {
        assertEquals("strong-bad@email.example.com", expand("%{s}", IP4));
        assertEquals("email.example.com", expand("%{o}", IP4));
        assertEquals("email.example.com", expand("%{d}", IP4));
        assertEquals("email.example.com", expand("%{d4}", IP4));
        assertEquals("email.example.com", expand("%{d3}", IP4));
        assertEquals("example.com", expand("%{d2}", IP4));
        assertEquals("com", expand("%{d1}", IP4));
        assertEquals("com.example.email", expand("%{dr}", IP4));
        assertEquals("example.email", expand("%{d2r}", IP4));
        assertEquals("strong-bad", expand("%{l}", IP4));
        assertEquals("strong.bad", expand("%{l-}", IP4));
        assertEquals("strong-bad", expand("%{lr}", IP4));
        assertEquals("bad.strong", expand("%{lr-}", IP4));
        assertEquals("strong", expand("%{l1r-}", IP4));
        assertEquals("3.2.0.192.in-addr._spf.example.com", expand("%{ir}.%{v}._spf.%{d2}", IP4));
        assertEquals("bad.strong.lp._spf.example.com", expand("%{lr-}.lp._spf.%{d2}", IP4));
        assertEquals("bad.strong.lp.3.2.0.192.in-addr._spf.example.com", expand("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", IP4));
        assertEquals("3.2.0.192.in-addr.strong.lp._spf.example.com", expand("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", IP4));
        assertEquals("example.com.trusted-domains.example.net", expand("%{d2}.trusted-domains.example.net", IP4));
        // §7.4 writes the nibbles in lower case; we write upper case (the suite's v-macro-ip6); DNS ignores case
        assertEquals("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com",
                expand("%{ir}.%{v}._spf.%{d2}", IP6).toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    @Tag("7208-7.3")
    void explanationOnlyLettersAndUrlEscaping_rfc7208_7_3() {
        assertEquals("192.0.2.3 2001:db8::cb01 receiver.example 1234567890",
                expand("%{c} ", IP4) + expand("%{c} %{r} %{t}", IP6));
        assertEquals("strong-bad%40email.example.com", expand("%{S}", IP4));
        assertEquals("a%b c%20d", expand("a%%b%_c%-d", IP4));
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("%{c}.example.com", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("%{d0}.example.com", MacroSyntax.Use.DOMAIN_SPEC));
    }

    @Test
    @Tag("7208-7.1")
    void percentMustStartAMacro_rfc7208_7_1() {
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("foo%.example.com", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("%(ir).example.com", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("%{x}.example.com", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("%{d", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Ok.class, MacroSyntax.parse("%{ir}.%{v}._spf.%{d2}", MacroSyntax.Use.DOMAIN_SPEC));
    }

    @Test
    @Tag("7208-7.1")
    void domainSpecMustEndInMacroOrToplabel_rfc7208_7_1() {
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("museum", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("abc.123", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Malformed.class, MacroSyntax.parse("example.-com", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Ok.class, MacroSyntax.parse("foo.example.xn--zckzah", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Ok.class, MacroSyntax.parse("example.com.", MacroSyntax.Use.DOMAIN_SPEC));
        assertInstanceOf(Parsed.Ok.class, MacroSyntax.parse("foo:bar/baz.example.com", MacroSyntax.Use.DOMAIN_SPEC));
    }
}
