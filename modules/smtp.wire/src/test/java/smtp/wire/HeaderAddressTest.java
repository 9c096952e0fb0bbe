package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class HeaderAddressTest {

    static List<HeaderAddress> ok(String value) {
        ParseResult<List<HeaderAddress>> r = HeaderAddress.parseList(value);
        assertTrue(r.isOk(), () -> value + " -> " + r);
        return r.orElseThrow();
    }

    static HeaderMailbox one(String value) {
        List<HeaderAddress> list = ok(value);
        assertEquals(1, list.size(), value);
        return assertInstanceOf(HeaderMailbox.class, list.get(0));
    }

    static Reply invalid(String value) {
        ParseResult<List<HeaderAddress>> r = HeaderAddress.parseList(value);
        return assertInstanceOf(ParseResult.Invalid.class, r, () -> value + " -> " + r).reply();
    }

    static HeaderMailbox mailbox(String name, String local, String domain) {
        return new HeaderMailbox(Optional.ofNullable(name), new AddrSpec(local, domain));
    }

    @Test
    @Tag("5322-3.4.1")
    void parsesABareAddrSpec_rfc5322_3_4_1() {
        assertEquals(mailbox(null, "john.doe", "example.com"), one("john.doe@example.com"));
        assertEquals(mailbox(null, "a", "b"), one("  a@b  "));
    }

    @Test
    @Tag("5322-3.4a")
    void parsesANameAddrWithAtomsOrQuotedDisplayName_rfc5322_3_4() {
        assertEquals(mailbox("John Doe", "jdoe", "example.com"), one("John Doe <jdoe@example.com>"));
        assertEquals(mailbox("Doe, John", "jdoe", "example.com"), one("\"Doe, John\" <jdoe@example.com>"));
        assertEquals(mailbox(null, "jdoe", "example.com"), one("<jdoe@example.com>"));
    }

    @Test
    @Tag("5322-3.4b")
    void parsesAnAddressListWithSeveralMailboxes_rfc5322_3_4() {
        List<HeaderAddress> list = ok("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>");
        assertEquals(List.of(mailbox("Mary Smith", "mary", "x.test"), mailbox(null, "jdoe", "example.org"),
                mailbox("Who?", "one", "y.test")), list);
    }

    @Test
    @Tag("5322-3.4c")
    void parsesGroupsIncludingEmptyOnes_rfc5322_3_4() {
        List<HeaderAddress> list = ok("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, Undisclosed recipients:;");
        HeaderGroup g = assertInstanceOf(HeaderGroup.class, list.get(0));
        assertEquals("A Group", g.displayName());
        assertEquals(3, g.members().size());
        assertEquals(g.members(), g.mailboxes());
        assertEquals(new HeaderGroup("Undisclosed recipients", List.of()), list.get(1));
    }

    @Test
    @Tag("5322-3.2.2")
    void dropsCommentsIncludingNestedOnes_rfc5322_3_2_2() {
        assertEquals(mailbox("Pete", "pete", "silly.test"),
                one("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>"));
        assertEquals(mailbox(null, "a", "b"), one("(outer (inner (deepest)) back) a@b (trailing)"));
    }

    @Test
    @Tag("5322-3.2.2")
    void treatsFoldingWhiteSpaceAsWhiteSpace_rfc5322_3_2_2() {
        assertEquals(mailbox("John Doe", "j", "x"), one("John\r\n Doe\r\n <j@x>"));
    }

    @Test
    @Tag("5322-3.4.1")
    void parsesQuotedLocalPartsAndQuotedPairs_rfc5322_3_4_1() {
        assertEquals(mailbox(null, "john doe", "x"), one("\"john doe\"@x"));
        assertEquals(mailbox(null, "a\"b\\c", "x"), one("\"a\\\"b\\\\c\"@x"));
        assertEquals(mailbox("Joe \"J\" Q", "j", "x"), one("\"Joe \\\"J\\\" Q\" <j@x>"));
    }

    @Test
    @Tag("5322-3.4.1")
    void parsesDomainLiterals_rfc5322_3_4_1() {
        assertEquals(mailbox(null, "a", "[192.0.2.1]"), one("a@[192.0.2.1]"));
        assertEquals(mailbox(null, "a", "[IPv6:2001:db8::1]"), one("<a@[ IPv6:2001:db8::1 ]>"));
    }

    @Test
    @Tag("5322-3.4a")
    void leavesEncodedWordsAsTheyAre_rfc5322_3_4_rfc2047() {
        assertEquals(mailbox("=?UTF-8?Q?Andr=C3=A9?= Pirard", "PIRARD", "vm1.ulg.ac.be"),
                one("=?UTF-8?Q?Andr=C3=A9?= Pirard <PIRARD@vm1.ulg.ac.be>"));
    }

    @Test
    @Tag("6532-3.2")
    void acceptsUtf8InNamesLocalPartsAndDomains_rfc6532_3_2() {
        assertEquals(mailbox("Jürgen Groß", "jürgen", "bücher.example"), one("Jürgen Groß <jürgen@bücher.example>"));
    }

    @Test
    @Tag("5322-4.4")
    void toleratesObsoleteForms_rfc5322_4_4() {
        assertEquals(mailbox(null, "a", "b"), one("<@route1,@route2:a@b>"), "obs-route is dropped");
        assertEquals(mailbox(null, "john.q.public", "example.com"), one("john . q . public @ example . com"));
        assertEquals(mailbox(null, "a.b c", "x"), one("a.\"b c\"@x"), "obs-local-part mixes atoms and quoted strings");
        assertEquals(mailbox("John Q. Public", "j", "x"), one("John Q. Public <j@x>"), "obs-phrase allows dots");
        assertEquals(2, ok(",, a@b ,, c@d ,").size(), "empty list elements");
        HeaderGroup g = assertInstanceOf(HeaderGroup.class, ok("G: , ,a@b,,;").get(0));
        assertEquals(1, g.members().size());
    }

    @Test
    @Tag("5322-3.4d")
    void rejectsMalformedListsWithATypedReply_rfc5322_3_4() {
        for (String bad : new String[] {"", "   ", "(only a comment)", "john", "John Smith", "a@", "@b", "a@b c@d",
                "<a@b", "a@b>", "\"unterminated@x", "(unterminated a@b", "a@[1.2.3.4", "G: a@b", "G: H: a@b;;",
                "<>", "a..b@c", ".a@b", "a.@b", "a@b.", "a@.b", "Name <a@b> junk", "a@b;", "\u0001@b", ": a@b;"}) {
            Reply r = invalid(bad);
            assertEquals(550, r.code(), bad);
            assertEquals("5.6.0", r.status().orElseThrow().toString(), bad);
        }
    }

    // RFC 5322 Appendix A: every address example of the RFC, with what it means.

    @Test
    @Tag("5322-3.4a")
    void appendixA12DifferentTypesOfMailboxes_rfc5322_A_1_2() {
        assertEquals(mailbox("Joe Q. Public", "john.q.public", "example.com"), one("\"Joe Q. Public\" <john.q.public@example.com>"));
        assertEquals(List.of(mailbox("Mary Smith", "mary", "x.test"), mailbox(null, "jdoe", "example.org"), mailbox("Who?", "one", "y.test")),
                ok("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>"));
        assertEquals(List.of(mailbox(null, "boss", "nil.test"), mailbox("Giant; \"Big\" Box", "sysservices", "example.net")),
                ok("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>"));
    }

    @Test
    @Tag("5322-3.4c")
    void appendixA13GroupAddresses_rfc5322_A_1_3() {
        assertEquals(List.of(new HeaderGroup("A Group", List.of(mailbox("Ed Jones", "c", "a.test"), mailbox(null, "joe", "where.test"),
                mailbox("John", "jdoe", "one.test")))), ok("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;"));
        assertEquals(List.of(new HeaderGroup("Undisclosed recipients", List.of())), ok("Undisclosed recipients:;"));
    }

    @Test
    @Tag("5322-3.2.2")
    void appendixA5WhiteSpaceCommentsAndOtherOddities_rfc5322_A_5() {
        assertEquals(mailbox("Pete", "pete", "silly.example"), one("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>".replace("silly.test", "silly.example")));
        List<HeaderAddress> group = ok("A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n"
                + "         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)");
        assertEquals(List.of(new HeaderGroup("A Group", List.of(mailbox("Chris Jones", "c", "public.example"),
                mailbox(null, "joe", "example.org"), mailbox("John", "jdoe", "one.test")))), group);
        assertEquals(List.of(new HeaderGroup("Undisclosed recipients", List.of())), ok("(Empty list)(start)Undisclosed recipients  :(nobody(that I know))  ;"));
    }

    @Test
    @Tag("5322-4.4")
    void appendixA61ObsoleteAddressing_rfc5322_A_6_1() {
        assertEquals(mailbox("Joe Q. Public", "john.q.public", "example.com"), one("Joe Q. Public <john.q.public@example.com>"));
        assertEquals(List.of(mailbox("Mary Smith", "mary", "example.net"), mailbox(null, "jdoe", "test.example")),
                ok("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example"));
    }

    @Test
    @Tag("5322-4.4")
    void appendixA63ObsoleteWhiteSpaceAndComments_rfc5322_A_6_3() {
        assertEquals(mailbox("John Doe", "jdoe", "machine.example"), one("John Doe <jdoe@machine(comment).  example>"));
        assertEquals(mailbox("Mary Smith", "mary", "example.net"), one("Mary Smith\r\n    \r\n <mary@example.net>"));
    }

    @Test
    @Tag("5322-3.2.2")
    void commentsBetweenDisplayNameWordsBecomeOneSpace_rfc5322_3_2_2() {
        assertEquals(mailbox("John Doe", "j", "x"), one("John(middle)Doe <j@x>"));
        assertEquals(mailbox("John Doe", "j", "x"), one("John (a (nested) comment)   Doe <j@x>"));
        assertEquals(mailbox("JohnDoe", "j", "x"), one("\"John\"\"Doe\" <j@x>"), "adjacent quoted strings without white space");
    }

    @Test
    @Tag("5322-3.4.1")
    void foldingInsideAQuotedStringIsInvisible_rfc5322_3_2_4() {
        assertEquals(mailbox("John  Doe", "j", "x"), one("\"John\r\n  Doe\" <j@x>"));
        assertEquals(mailbox("日本 語", "j", "x"), one("\"日本 語\" <j@x>"));
    }

    @Test
    @Tag("5322-3.4.1")
    void domainLiteralsKeepQuotedPairsAndDropFoldingWhiteSpace_rfc5322_3_4_1() {
        assertEquals(mailbox(null, "a", "[x\\]y]"), one("a@[x\\]y]"));
        assertEquals(mailbox(null, "a", "[1.2.3.4]"), one("a@ [ 1.2.\r\n 3.4 ] (literal)"));
    }

    @Test
    @Tag("5322-3.4d")
    void theReplyTextNamesTheProblemAndItsPosition_rfc5322_3_4() {
        assertTrue(invalid("a@b c@d").text().contains("position 4"), () -> invalid("a@b c@d").text());
        assertTrue(invalid("(open").text().contains("unterminated comment"));
        assertTrue(invalid("G: a@b").text().contains("not closed"));
        assertTrue(invalid("a\u0007@b").text().contains("U+0007"));
    }
}
