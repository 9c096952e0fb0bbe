package smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.Resolver;
import smtp.dns.testing.Interop;

/**
 * Every message of the shared DKIM corpus ({@code conformance-data/dkim/EXPECTATIONS.md}):
 * the RFC 8463 example, the stalwart and dkimpy samples and the Mail::DKIM corpus, judged by
 * RFC 6376 as updated by RFC 8301.
 */
class DkimConformanceTest {

    /** stalwart's upstream test evaluates at this time (005.txt has an x=). */
    static final Clock STALWART_TIME = Clock.fixed(Instant.ofEpochSecond(1667843664L), ZoneOffset.UTC);

    @Test
    @Tag("8463-A")
    @Tag("8463-3")
    @Tag("8463-5")
    void rfc8463ExampleBothSignaturesPass_rfc8463_A() throws IOException {
        Path dir = Interop.sharedData("conformance-data/dkim/rfc8463");
        byte[] msg = DkimTestData.crlf(Files.readAllBytes(dir.resolve("signed-message.eml")));
        Resolver dns = DkimTestData.nameValueResolver(dir.resolve("dns-records.txt"));
        List<DkimResult> r = new DkimVerifier(dns).verify(msg);
        assertEquals("pass, pass", DkimTestData.summary(r));
        assertEquals(DkimAlgorithm.ED25519_SHA256, r.get(0).signature().orElseThrow().algorithm());
        assertEquals(DkimAlgorithm.RSA_SHA256, r.get(1).signature().orElseThrow().algorithm());
    }

    @Test
    @Tag("6376-6.1.3")
    @Tag("6376-3.6.1e")
    void stalwartSamplesPass_rfc6376_6_1_3() throws IOException {
        Path dir = Interop.sharedData("conformance-data/stalwart-mail-auth/dkim");
        List<String> report = new ArrayList<>();
        int passed = 0;
        for (int i = 1; i <= 6; i++) {
            DkimTestData.Stalwart s = DkimTestData.stalwart(dir.resolve(String.format("%03d.txt", i)));
            List<DkimResult> r = new DkimVerifier(DkimTestData.resolver(s.records()),
                    DkimVerifierOptions.defaults().withClock(STALWART_TIME)).verify(s.message());
            // Upstream's check: the last DKIM-Signature passes.
            boolean ok = !r.isEmpty() && r.get(r.size() - 1) instanceof DkimResult.Pass;
            passed += ok ? 1 : 0;
            report.add(i + ": " + DkimTestData.summary(r));
        }
        System.out.println("stalwart DKIM samples: " + passed + "/6 pass " + report);
        assertEquals(6, passed, String.join("\n", report));
    }

    @Test
    @Tag("6376-3.7")
    void dkimpySignedSamplesPass_rfc6376_3_7() throws IOException {
        Path dir = Interop.sharedData("conformance-data/dkim/dkimpy");
        Resolver dns = smtp.dns.InMemoryResolver.builder()
                .txt("brisbane._domainkey.football.example.com",
                        "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
                .txt("test._domainkey.football.example.com", Files.readString(dir.resolve("test.txt")).strip())
                .txt("sed._domainkey.test.ex", Files.readString(dir.resolve("eximtest.dns")).strip())
                .build();
        DkimVerifier v = new DkimVerifier(dns);
        assertEquals("pass, pass", DkimTestData.summary(v.verify(DkimTestData.crlf(Files.readAllBytes(dir.resolve("rfc6376.signed.msg"))))));
        assertEquals("pass", DkimTestData.summary(v.verify(DkimTestData.crlf(Files.readAllBytes(dir.resolve("ed25519test2.msg"))))));
    }

    /**
     * dkimpy's key records: test.message signed (by us) with test.private, checked against the
     * good record and each bad one; none of the bad ones may pass.
     */
    @Test
    @Tag("6376-6.1.2c")
    void dkimpyBadKeyRecordsNeverPass_rfc6376_6_1_2() throws IOException {
        Path dir = Interop.sharedData("conformance-data/dkim/dkimpy");
        DkimSigningKey key = DkimSigningKey.load(dir.resolve("test.private"), "example.com", "test").orElseThrow();
        byte[] msg = DkimTestData.crlf(Files.readAllBytes(dir.resolve("test.message")));
        byte[] signed = DkimSignerTest.prepend(new DkimSigner(key).sign(msg), msg);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("test.txt", "pass");
        expected.put("badk.txt", "permerror(unsupported key type k=ed25519-sha256)");
        expected.put("badversion.txt", "permerror(unsupported key record version v=DKIM1: g=*)");
        expected.put("test_bad.txt", "permerror(p= is not a rsa public key)"); // its DER is truncated
        expected.put("test_tlsrpt.txt", "permerror(key not for email (s=tlsrpt))");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Resolver dns = smtp.dns.InMemoryResolver.builder().txt(key.keyName(), Files.readString(dir.resolve(e.getKey())).strip()).build();
            assertEquals(e.getValue(), DkimTestData.summary(new DkimVerifier(dns).verify(signed)), e.getKey());
        }
    }

    /** RFC 6376 A.2 as printed does not verify (EXPECTATIONS: the printed body has two spaces). */
    @Test
    @Tag("6376-6.1.3")
    void rfc6376AppendixA2AsPrintedFailsBodyHash_rfc6376_6_1_3() throws IOException {
        Path dir = Interop.sharedData("conformance-data/dkim/rfc6376-appendix-A");
        byte[] msg = DkimTestData.crlf(Files.readAllBytes(dir.resolve("A2-signed-as-printed.eml")));
        Resolver dns = DkimTestData.nameValueResolver(dir.resolve("appendixC-dns-record.txt"));
        List<DkimResult> r = new DkimVerifier(dns).verify(msg);
        assertEquals(1, r.size());
        assertEquals("fail(body hash did not verify)", DkimTestData.summary(r));
    }

    /**
     * Mail::DKIM's corpus, expectations re-mapped by RFC 8301 (EXPECTATIONS.md): upstream "pass"
     * with rsa-sha1 or a 512-bit key is "policy" here (the crypto verifies, the algorithm or key
     * is not acceptable), "fail" stays "fail", "invalid" is the RFC 8601 result named below.
     */
    @Test
    @Tag("8301-3.1")
    @Tag("8301-3.2")
    @Tag("6376-6.1.1")
    @Tag("6376-6.1.2")
    void mailDkimCorpusJudgedByRfc8301_rfc8301_3() throws IOException {
        Path dir = Interop.sharedData("conformance-data/dkim/perl-mail-dkim");
        Resolver dns = DkimTestData.nameValueResolver(dir.resolve("FAKE_DNS.dat"));
        DkimVerifier v = new DkimVerifier(dns, DkimVerifierOptions.defaults().withDraftSignatures(true));
        Map<String, String> expected = mailDkimExpectations();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(dir.resolve("corpus"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".txt", "");
                String want = expected.get(name);
                assertTrue(want != null, "no expectation for " + name);
                String got = DkimTestData.summary(v.verify(DkimTestData.crlf(Files.readAllBytes(f))))
                        .replaceAll("\\([^()]*(\\([^()]*\\)[^()]*)*\\)", "");
                checked++;
                if (!got.equals(want)) {
                    mismatches.add(name + ": want [" + want + "] got [" + DkimTestData.summary(v.verify(DkimTestData.crlf(Files.readAllBytes(f)))) + "]");
                }
            }
        }
        System.out.println("Mail::DKIM corpus: " + (checked - mismatches.size()) + "/" + checked + " as expected");
        assertEquals(List.of(), mismatches);
        assertEquals(expected.size(), checked);
    }

    /**
     * Per file, the results (top to bottom) with pre-RFC draft signatures accepted. Upstream's
     * "pass" files are "policy" (rsa-sha1, or a 768-bit key) except mine_ietf01_3/4 (rsa-sha256,
     * 1024 bits); DomainKeys-only files (*_dk_*) have no DKIM-Signature: no result ("none");
     * good_ietf00_* predate bh= (neutral); the g= cases badkey_8/9/12/13 verify because RFC 6376
     * dropped g= (policy: rsa-sha1).
     */
    static Map<String, String> mailDkimExpectations() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bad_1", "fail");
        m.put("bad_1878954", "fail");
        m.put("bad_dk_1", "");
        m.put("bad_dk_2", "");
        m.put("bad_dk_3", "");
        m.put("bad_dk_4", "");
        m.put("bad_dk_5", "");
        m.put("bad_ietf01_1", "fail");
        m.put("bad_ietf01_2", "fail");
        m.put("bad_ietf01_3", "fail");
        m.put("badkey_1", "permerror");
        m.put("badkey_10", "permerror");
        m.put("badkey_11", "permerror");
        m.put("badkey_12", "policy");
        m.put("badkey_13", "policy");
        m.put("badkey_14", "temperror");
        m.put("badkey_15", "temperror");
        m.put("badkey_2", "permerror");
        m.put("badkey_3", "permerror");
        m.put("badkey_4", "permerror");
        m.put("badkey_5", "permerror");
        m.put("badkey_6", "permerror");
        m.put("badkey_7", "permerror");
        m.put("badkey_8", "policy");
        m.put("badkey_9", "policy");
        m.put("dk_headers_1", "");
        m.put("dk_headers_2", "");
        m.put("dk_multiple_1", "");
        m.put("good_1878523", "policy");
        m.put("good_83176", "policy");
        m.put("good_dk_1", "");
        m.put("good_dk_2", "");
        m.put("good_dk_3", "");
        m.put("good_dk_4", "");
        m.put("good_dk_5", "");
        m.put("good_dk_6", "");
        m.put("good_dk_7", "");
        m.put("good_dk_gmail", "");
        m.put("good_dk_yahoo", "");
        m.put("good_ietf00_1", "neutral");
        m.put("good_ietf00_2", "neutral");
        m.put("good_ietf00_3", "neutral");
        m.put("good_ietf00_4", "neutral");
        m.put("good_ietf00_5", "neutral");
        m.put("good_ietf01_1", "policy");
        m.put("good_ietf01_2", "policy");
        m.put("good_qp_1", "policy");
        m.put("good_qp_2", "policy");
        m.put("good_qp_3", "policy");
        m.put("good_rfc4871_3", "policy");
        m.put("good_rfc4871_4", "policy");
        m.put("goodkey_1", "policy");
        m.put("goodkey_2", "policy");
        m.put("goodkey_3", "policy");
        m.put("goodkey_4", "policy");
        m.put("ignore_1", "neutral");
        m.put("ignore_2", "neutral");
        m.put("ignore_3", "neutral");
        m.put("ignore_4", "neutral");
        m.put("ignore_5", "neutral");
        m.put("ignore_6", "neutral");
        m.put("ignore_7", "policy");
        m.put("ignore_8", "neutral");
        m.put("mine_ietf01_1", "policy");
        m.put("mine_ietf01_2", "policy");
        m.put("mine_ietf01_3", "pass");
        m.put("mine_ietf01_4", "pass");
        m.put("mine_ietf05_1", "policy");
        m.put("multiple_1", "fail, policy, neutral, fail");
        m.put("multiple_2", "neutral, policy, fail, neutral");
        m.put("no_body_1", "policy");
        m.put("no_body_2", "policy");
        m.put("no_body_3", "policy");
        return m;
    }

    /**
     * Without draft signatures, a signature whose v= is not "1" is neutral ("incompatible
     * version", RFC 6376 §6.1.1); every other result is the same as with them.
     */
    @Test
    @Tag("6376-6.1.1a")
    void mailDkimCorpusStrictVersionIsNeutral_rfc6376_6_1_1() throws IOException {
        Path dir = Interop.sharedData("conformance-data/dkim/perl-mail-dkim");
        Resolver dns = DkimTestData.nameValueResolver(dir.resolve("FAKE_DNS.dat"));
        DkimVerifier strict = new DkimVerifier(dns);
        DkimVerifier drafts = new DkimVerifier(dns, DkimVerifierOptions.defaults().withDraftSignatures(true));
        int signatures = 0;
        int neutralByVersion = 0;
        try (Stream<Path> files = Files.list(dir.resolve("corpus"))) {
            for (Path f : files.sorted().toList()) {
                byte[] msg = DkimTestData.crlf(Files.readAllBytes(f));
                List<DkimResult> s = strict.verify(msg);
                List<DkimResult> d = drafts.verify(msg);
                assertEquals(d.size(), s.size(), f.toString());
                for (int i = 0; i < s.size(); i++) {
                    signatures++;
                    String value = s.get(i).field().value();
                    boolean v1 = value.matches("(?s)\\s*v\\s*=\\s*1\\s*;.*");
                    if (!v1 && !(d.get(i) instanceof DkimResult.Neutral)) {
                        neutralByVersion++;
                        assertTrue(s.get(i) instanceof DkimResult.Neutral, f + ": " + s.get(i));
                    } else {
                        assertEquals(d.get(i).keyword(), s.get(i).keyword(), f + " #" + i);
                    }
                }
            }
        }
        System.out.println("Mail::DKIM corpus, RFC 6376 only: " + signatures + " signatures, " + neutralByVersion
                + " pre-RFC ones neutral");
        assertEquals(24, neutralByVersion);
    }
}
