package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import smtp.wire.HeaderField;

class AuthenticationResultsTest {

    static AuthenticationResults ok(String value) {
        AuthResultsParse p = AuthenticationResults.parse(value);
        assertInstanceOf(AuthResultsParse.Ok.class, p, () -> value + ": " + p);
        return ((AuthResultsParse.Ok) p).value();
    }

    @Test
    @Tag("8601-2.2")
    void parsesTheExamplesOfAppendixB_rfc8601_B() {
        AuthenticationResults none = ok(" example.org 1; none");
        assertEquals("example.org", none.authservId());
        assertEquals(List.of(), none.results());

        AuthenticationResults spf = ok(" example.com; spf=pass smtp.mailfrom=example.net");
        assertEquals(Optional.of("example.net"), spf.result("spf").orElseThrow().property("smtp", "mailfrom"));

        AuthenticationResults auth = ok(" example.com;\r\n          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n          spf=pass smtp.mailfrom=example.net");
        assertEquals(2, auth.results().size());
        assertEquals(Optional.of("sender@example.net"), auth.results().get(0).property("smtp", "auth"));

        AuthenticationResults dkim = ok(" example.com;\r\n  dkim=pass reason=\"good signature\"\r\n    header.i=@mail-router.example.net;\r\n"
                + "  dkim=fail reason=\"bad signature\"\r\n    header.i=@newyork.example.com");
        assertEquals(Optional.of("bad signature"), dkim.results().get(1).reason());
        assertEquals(Optional.of("@newyork.example.com"), dkim.results().get(1).property("header", "i"));
    }

    @Test
    @Tag("8601-2.2")
    void commentsMayAppearWhereverCfwsMay_rfc8601_2_2() {
        AuthenticationResults a = ok(" foo.example.net (foobar) 1 (baz);\r\n    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n"
                + "      policy (A dot can go here) . (like that) expired\r\n      (this surprised me) = (as I wasn't expecting it) 1362471462");
        AuthResultsEntry e = a.results().get(0);
        assertEquals("dkim", e.method());
        assertEquals(OptionalInt.of(1), e.methodVersion());
        assertEquals("fail", e.result());
        assertEquals(Optional.of("1362471462"), e.property("policy", "expired"));
    }

    @Test
    @Tag("8601-2.2")
    void rejectsMalformedFields_rfc8601_2_2() {
        for (String bad : List.of("", " ;spf=pass", " example.com", " example.com; spf", " example.com; spf=pass smtp",
                " example.com; spf=pass smtp.mailfrom=", " example.com (unclosed; spf=pass", " example.com 2; spf=pass",
                " example.com; none; spf=pass")) {
            assertInstanceOf(AuthResultsParse.Malformed.class, AuthenticationResults.parse(bad), bad);
        }
    }

    @Test
    @Tag("8601-2.7")
    void buildsTheFieldForSpfDkimAndDmarc_rfc8601_2_7() throws Exception {
        SpfOutcome spf = new SpfOutcome(SpfResult.PASS, SpfIdentity.MAILFROM, "example.net", "alice@example.net",
                Optional.empty(), Optional.of("ip4:192.0.2.0/24"), "ok");
        DmarcEvaluation dmarc = new DmarcEvaluation(DmarcResult.PASS, DmarcPolicy.NONE, "example.net", Optional.of("example.net"),
                Optional.empty(), true, true, false, Optional.empty(), List.of(), "aligned");
        AuthenticationResults ar = new AuthenticationResults("mx.example.org", List.of(AuthResultsEntry.spf(spf),
                AuthResultsEntry.dkim("pass", "example.net", "sel1", "dGhpcyBpcyBub3QgYSBzaWduYXR1cmU="),
                AuthResultsEntry.dmarc(dmarc)));
        assertEquals(" mx.example.org; spf=pass smtp.mailfrom=alice@example.net; dkim=pass header.d=example.net"
                + " header.s=sel1 header.b=dGhpcyBp; dmarc=pass header.from=example.net", ar.format());
        HeaderField f = ar.toHeaderField();
        assertEquals("Authentication-Results", f.name());
        String raw = new String(f.raw(), StandardCharsets.UTF_8);
        assertTrue(raw.startsWith("Authentication-Results: mx.example.org;\r\n\tspf=pass"), raw);
        assertTrue(raw.endsWith("\r\n"));
        assertEquals(ar, ok(f.value()));
        SpfOutcome helo = new SpfVerifier(new ZoneResolver()).checkHelo(InetAddress.getByName("192.0.2.1"), "h.example.org");
        assertEquals(" mx; spf=none smtp.helo=h.example.org", new AuthenticationResults("mx", List.of(AuthResultsEntry.spf(helo))).format());
    }

    @Test
    @Tag("8601-5")
    void removesFieldsClaimingOurAuthservId_rfc8601_5() {
        HeaderField forged = HeaderField.of("Authentication-Results", "MX.Example.Org; spf=pass smtp.mailfrom=bank.example");
        HeaderField forgedMalformed = HeaderField.of("Authentication-Results", " (c) mx.example.org; garbage ===");
        HeaderField foreign = HeaderField.of("Authentication-Results", "relay.example.net; dkim=pass header.d=x.example");
        HeaderField subject = HeaderField.of("Subject", "mx.example.org; spf=pass");
        List<HeaderField> kept = AuthenticationResults.removeClaimingOurs(List.of(forged, subject, forgedMalformed, foreign),
                List.of("mx.example.org"));
        assertEquals(List.of(subject, foreign), kept);
    }

    static Gen<String> keyword() {
        return strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8);
    }

    static Gen<String> text() {
        return strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 12);
    }

    static Gen<AuthResultsProperty> property() {
        return keyword().zip(keyword(), text().map(s -> s.isEmpty() ? "x" : s), AuthResultsProperty::new);
    }

    static Gen<AuthResultsEntry> entry() {
        Gen<Optional<String>> reason = Generate.booleans().zip(text(), (b, t) -> b ? Optional.of(t) : Optional.<String>empty());
        Gen<OptionalInt> version = integers().between(-1, 9).map(v -> v < 0 ? OptionalInt.empty() : OptionalInt.of(v));
        return keyword().zip(version, keyword(), reason, (m, v, r, why) -> new Object[] {m, v, r, why})
                .zip(lists().of(property()).ofSizeBetween(0, 3),
                        (a, props) -> new AuthResultsEntry((String) a[0], (OptionalInt) a[1], (String) a[2],
                                castOpt(a[3]), props));
    }

    @SuppressWarnings("unchecked")
    static Optional<String> castOpt(Object o) {
        return (Optional<String>) o;
    }

    @Test
    @Tag("8601-2.2")
    void parseOfFormatIsIdentity_rfc8601_2_2() {
        qt().forAll(text().map(s -> s.isBlank() ? "id" : s.strip()), lists().of(entry()).ofSizeBetween(0, 4))
                .check((id, entries) -> {
                    AuthenticationResults ar = new AuthenticationResults(id, entries);
                    return AuthenticationResults.parse(ar.format()).equals(new AuthResultsParse.Ok(ar))
                            && AuthenticationResults.parse(ar.toHeaderField().value()).equals(new AuthResultsParse.Ok(ar));
                });
    }

    @Test
    @Tag("8601-2.2")
    void noInputMakesTheParserThrow_rfc8601_2_2() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(AuthenticationResults::parse);
        qt().forAll(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 80)).checkAssert(s -> {
            AuthenticationResults.parse(s);
            AuthenticationResults.parse("mx; " + s);
        });
    }
}
