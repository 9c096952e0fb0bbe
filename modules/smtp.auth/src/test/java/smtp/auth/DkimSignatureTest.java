package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DkimSignatureTest {

    static final String BASE = "v=1; a=rsa-sha256; d=example.com; s=sel; h=from:to; bh=AAAA; b=AAAA";

    static DkimParseResult<DkimSignature> parse(String s) {
        return DkimSignature.parse(s);
    }

    static String reason(String s) {
        return ((DkimParseResult.Invalid<DkimSignature>) parse(s)).reason();
    }

    @Test
    @Tag("6376-3.5")
    @Tag("8463-4.1")
    void parsesEveryTag_rfc6376_3_5() {
        DkimSignature s = parse("v=1; a=ed25519-sha256; c=relaxed/simple; d=Example.COM; s=brisbane.2024;\r\n"
                + " h=From : To:\r\n\tSubject; i=joe=40eng.example.com; l=1234; q=foo/bar:dns/txt; t=1117574938; x=1118006938;\r\n"
                + " z=From:foo@eng.example.net|Subject:demo=20run; bh=MTIz\r\n NDU2; b=dzdV\r\n\tyOfA; future=tag").orElseThrow();
        assertEquals(DkimAlgorithm.ED25519_SHA256, s.algorithm());
        assertEquals(DkimCanonicalization.RELAXED, s.headerCanonicalization());
        assertEquals(DkimCanonicalization.SIMPLE, s.bodyCanonicalization());
        assertEquals("Example.COM", s.domain());
        assertEquals("brisbane.2024", s.selector());
        assertEquals("brisbane.2024._domainkey.Example.COM", s.keyName());
        assertEquals(List.of("From", "To", "Subject"), s.signedHeaders());
        assertEquals(Optional.of("joe@eng.example.com"), s.identity());
        assertEquals("eng.example.com", s.auidDomain());
        assertEquals(OptionalLong.of(1234), s.bodyLength());
        assertEquals(List.of("foo/bar", "dns/txt"), s.queryMethods());
        assertEquals(Optional.of(Instant.ofEpochSecond(1117574938)), s.timestamp());
        assertEquals(Optional.of(Instant.ofEpochSecond(1118006938)), s.expiration());
        assertEquals(List.of("From:foo@eng.example.net", "Subject:demo run"), s.copiedHeaders());
        assertEquals("MTIzNDU2", java.util.Base64.getEncoder().encodeToString(s.bodyHash()));
        assertEquals("tag", s.tags().get("future"), "unknown tags are kept (and ignored)");
    }

    @Test
    @Tag("6376-3.5c")
    void canonicalizationDefaults_rfc6376_3_5() {
        DkimSignature none = parse(BASE).orElseThrow();
        assertEquals(DkimCanonicalization.SIMPLE, none.headerCanonicalization());
        assertEquals(DkimCanonicalization.SIMPLE, none.bodyCanonicalization());
        DkimSignature relaxed = parse(BASE + "; c=relaxed").orElseThrow();
        assertEquals(DkimCanonicalization.RELAXED, relaxed.headerCanonicalization());
        assertEquals(DkimCanonicalization.SIMPLE, relaxed.bodyCanonicalization(), "c=relaxed is relaxed/simple");
        assertEquals("@example.com", none.auid(), "i= defaults to @d");
        assertEquals(List.of("dns/txt"), none.queryMethods());
    }

    @Test
    @Tag("6376-6.1.1")
    void missingRequiredTagsAreInvalid_rfc6376_6_1_1() {
        for (String tag : List.of("v", "a", "b", "bh", "d", "h", "s")) {
            String without = String.join(";", java.util.Arrays.stream(BASE.split(";"))
                    .filter(t -> !t.strip().startsWith(tag + "=")).toList());
            assertTrue(reason(without).contains("missing required tag " + tag + "="), tag);
        }
    }

    @Test
    @Tag("6376-6.1.1a")
    void otherVersionsAreIncompatible_rfc6376_6_1_1() {
        assertTrue(reason(BASE.replace("v=1", "v=2")).startsWith("incompatible version"));
        assertTrue(reason(BASE.replace("v=1", "v=0.5")).startsWith("incompatible version"));
    }

    @Test
    @Tag("6376-6.1.1")
    void fromMustBeSignedAndIMustBeWithinD_rfc6376_6_1_1() {
        assertEquals("From field not signed", reason(BASE.replace("h=from:to", "h=to:subject")));
        assertTrue(reason(BASE + "; i=joe@example.org").startsWith("domain mismatch"));
        assertTrue(reason(BASE + "; i=joe@badexample.com").startsWith("domain mismatch"), "not a subdomain, only a suffix");
        assertTrue(parse(BASE + "; i=@mail.EXAMPLE.com").isOk());
    }

    @Test
    @Tag("6376-3.3.4")
    void unknownAlgorithmsCanonicalizationsAndQueryMethodsAreIgnored_rfc6376_3_3_4() {
        assertTrue(reason(BASE.replace("rsa-sha256", "rsa-md5")).startsWith("unsupported algorithm"));
        assertTrue(reason(BASE.replace("rsa-sha256", "RSA-SHA256")).startsWith("unsupported algorithm"), "values are case-sensitive");
        assertTrue(reason(BASE + "; c=future").startsWith("unsupported canonicalization"));
        assertTrue(reason(BASE + "; c=relaxed/nofws").startsWith("unsupported canonicalization"));
        assertTrue(reason(BASE + "; q=http").startsWith("no supported query method"));
    }

    @Test
    @Tag("6376-3.5x")
    void timestampsAndLengthsAreValidated_rfc6376_3_5() {
        assertTrue(reason(BASE + "; t=100; x=100").startsWith("x= is not after t="));
        assertTrue(reason(BASE + "; t=1234567890123").startsWith("t= is not 1*12DIGIT"));
        assertTrue(reason(BASE + "; l=-1").startsWith("l= is not"));
        assertEquals(OptionalLong.of(Long.MAX_VALUE), parse(BASE + "; l=" + "9".repeat(76)).orElseThrow().bodyLength(),
                "l= up to 76 digits, saturated");
        assertTrue(reason(BASE + "; l=" + "9".repeat(77)).startsWith("l= is not"));
    }

    @Test
    @Tag("6376-3.5")
    void domainAndSelectorSyntax_rfc6376_3_5() {
        assertTrue(reason(BASE.replace("d=example.com", "d=com")).startsWith("d= is not a domain name"));
        assertTrue(reason(BASE.replace("d=example.com", "d=exa_mple.com")).startsWith("d= is not a domain name"));
        assertTrue(reason(BASE.replace("s=sel", "s=-sel")).startsWith("s= is not a selector"));
        assertTrue(reason(BASE.replace("bh=AAAA", "bh=A*A")).startsWith("bh= is not base64"));
    }

    @Test
    @Tag("6376-8.9")
    void neverThrows_rfc6376_8_9() {
        qt().withExamples(20000).forAll(strings().allPossible().ofLengthBetween(0, 120)).checkAssert(DkimSignature::parse);
        // Mutations of a valid value: every prefix, and every single character replaced.
        String valid = BASE + "; c=relaxed/relaxed; i=a@example.com; l=10; t=1; x=2; z=A:b|C:d; q=dns/txt";
        qt().withExamples(20000).forAll(integers().between(0, valid.length()), integers().between(0, 127))
                .checkAssert((i, c) -> {
                    DkimSignature.parse(valid.substring(0, i));
                    DkimSignature.parse(valid.substring(0, Math.max(0, i - 1)) + (char) c.intValue() + valid.substring(i));
                });
        assertInstanceOf(DkimParseResult.Invalid.class, parse(""));
    }
}
