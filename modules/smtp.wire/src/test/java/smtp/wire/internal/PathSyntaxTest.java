package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.wire.internal.Assertions2.rejected;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import smtp.wire.Domain;
import smtp.wire.ForwardPath;
import smtp.wire.GeneralLiteral;
import smtp.wire.Host;
import smtp.wire.Ipv4Literal;
import smtp.wire.Ipv6Literal;
import smtp.wire.Mailbox;
import smtp.wire.NullPath;
import smtp.wire.ParseResult;
import smtp.wire.Path;
import smtp.wire.Postmaster;
import smtp.wire.Replies;
import smtp.wire.ReversePath;

class PathSyntaxTest {

    private static Path path(String text) {
        return (Path) ForwardPath.parse(text).orElseThrow();
    }

    @Test
    @Tag("5321-4.1.2a")
    @Tag("3463-3.2")
    void reversePathIsPathOrNull_rfc5321_4_1_2() {
        assertEquals(new NullPath(), ReversePath.parse("<>").orElseThrow());
        Path p = (Path) ReversePath.parse("<user@example.org>").orElseThrow();
        assertEquals("user", p.mailbox().localPart());
        assertEquals(new Domain("example.org"), p.mailbox().host());
        assertEquals(Replies.BAD_SENDER_PATH, rejected(ReversePath.parse("user@example.org"), 501, "5.1.7"));
        rejected(ReversePath.parse("< >"), 501, "5.1.7");
        rejected(ReversePath.parse("<user@example.org"), 501, "5.1.7");
        rejected(ReversePath.parse("<user@example.org>>"), 501, "5.1.7");
        assertEquals(Replies.BAD_PATH, rejected(ForwardPath.parse("<>"), 501, "5.1.3"));
    }

    @Test
    @Tag("5321-4.1.1.3-syntax")
    void postmasterWithoutDomainIsCaseInsensitive_rfc5321_4_1_1_3() {
        assertEquals(new Postmaster(), ForwardPath.parse("<Postmaster>").orElseThrow());
        assertEquals(new Postmaster(), ForwardPath.parse("<POSTMASTER>").orElseThrow());
        assertInstanceOf(Path.class, ForwardPath.parse("<postmaster@example.org>").orElseThrow());
        rejected(ReversePath.parse("<Postmaster>"), 501, "5.1.7");
    }

    @Test
    @Tag("5321-4.1.2b")
    void sourceRouteIsAcceptedKeptAndIgnored_rfc5321_4_1_2() {
        Path p = path("<@hosta.example,@jkl.example:userc@hostd.example>");
        assertEquals(List.of(new Domain("hosta.example"), new Domain("jkl.example")), p.sourceRoute());
        assertEquals(new Mailbox("userc", new Domain("hostd.example")), p.mailbox());
        assertEquals("<@hosta.example,@jkl.example:userc@hostd.example>", p.toString());
        rejected(ForwardPath.parse("<@a.example:>"), 501, "5.1.3");
        rejected(ForwardPath.parse("<@a.example,b.example:u@c.example>"), 501, "5.1.3");
        rejected(ForwardPath.parse("<@a.example u@c.example>"), 501, "5.1.3");
        rejected(ForwardPath.parse("<@[1.2.3.4]:u@c.example>"), 501, "5.1.3");
    }

    @Test
    @Tag("5321-4.1.2c")
    void dotStringLocalPart_rfc5321_4_1_2() {
        assertEquals("first.last", path("<first.last@example.org>").mailbox().localPart());
        assertEquals("!#$%&'*+-/=?^_`{|}~", path("<!#$%&'*+-/=?^_`{|}~@example.org>").mailbox().localPart());
        for (String bad : new String[] {"<.a@example.org>", "<a.@example.org>", "<a..b@example.org>", "<a b@example.org>",
                "<a(b)@example.org>", "<a,b@example.org>", "<@example.org>", "<a@>", "<a>", "<a@@example.org>"}) {
            rejected(ForwardPath.parse(bad), 501, "5.1.3");
        }
    }

    @Test
    @Tag("5321-4.1.2d")
    void quotedStringLocalPart_rfc5321_4_1_2() {
        Mailbox m = path("<\"Joe\\,Smith\"@example.org>").mailbox();
        assertEquals("\"Joe\\,Smith\"", m.localPart());
        assertTrue(m.isQuoted());
        // RFC 5321 §4.1.2: "Joe\,Smith" is a nine-character user name
        assertEquals("Joe,Smith", m.unquotedLocalPart());
        assertEquals(9, m.unquotedLocalPart().length());
        assertEquals("a b@c>d", path("<\"a b@c>d\"@example.org>").mailbox().unquotedLocalPart());
        assertEquals("", path("<\"\"@example.org>").mailbox().unquotedLocalPart());
        assertEquals("a\"b\\c", path("<\"a\\\"b\\\\c\"@example.org>").mailbox().unquotedLocalPart());
        rejected(ForwardPath.parse("<\"a\"b\"@example.org>"), 501, "5.1.3");
        rejected(ForwardPath.parse("<\"abc@example.org>"), 501, "5.1.3");
        rejected(ForwardPath.parse("<\"a\\\u0001\"@example.org>"), 501, "5.1.3");
        rejected(ForwardPath.parse("<\"a\tb\"@example.org>"), 501, "5.1.3");
        assertEquals("plain", PathSyntax.unquote("plain"));
    }

    @Test
    @Tag("6531-3.3")
    void utf8LocalPartsAndULabels_rfc6531_3_3() {
        Mailbox m = path("<jöran@bücher.example>").mailbox();
        assertEquals("jöran", m.localPart());
        assertEquals(new Domain("bücher.example"), m.host());
        assertFalse(m.isAscii());
        assertEquals("xn--bcher-kva.example", ((Domain) m.host()).canonical());
        assertEquals("\"中 文\"", path("<\"中 文\"@example.org>").mailbox().localPart());
        assertEquals("😀", path("<😀@example.org>").mailbox().localPart());
        // an upper-case U-label is not a valid U-label (IDNA2008: not PVALID)
        rejected(ForwardPath.parse("<a@Bücher.example>"), 501, "5.1.3");
        // a lone surrogate is not a Unicode scalar value
        rejected(ForwardPath.parse("<a\ud800@example.org>"), 501, "5.1.3");
        rejected(ForwardPath.parse("<a@b\ud800.example>"), 501, "5.1.3");
    }

    @Test
    @Tag("5321-4.1.2e")
    void domainLabelsAreLetDigHyphen_rfc5321_4_1_2() {
        assertEquals(new Domain("a-b.c0.example"), Domain.parse("a-b.c0.example").orElseThrow());
        assertEquals(new Domain("123.example"), Domain.parse("123.example").orElseThrow());
        assertEquals(new Domain("localhost"), Domain.parse("localhost").orElseThrow());
        for (String bad : new String[] {"-a.example", "a-.example", "a..example", "a.example.", ".a.example", "a_b.example",
                "a b.example", "", "[1.2.3.4]"}) {
            rejected(Domain.parse(bad), 501, "5.5.4");
        }
        // RFC 5321 §4.1.2: invalid characters in a domain MUST get 501
        rejected(ForwardPath.parse("<a@under_score.example>"), 501, "5.1.3");
    }

    @Test
    @Tag("5321-4.1.3a")
    void ipv4AddressLiteral_rfc5321_4_1_3() throws Exception {
        Host h = Host.parse("[192.0.2.255]").orElseThrow();
        assertEquals(new Ipv4Literal((java.net.Inet4Address) InetAddress.getByName("192.0.2.255")), h);
        // Snum is decimal: leading zeros do not mean octal
        assertEquals("[10.0.0.8]", Host.parse("[010.000.0.008]").orElseThrow().toString());
        for (String bad : new String[] {"[256.0.0.1]", "[1.2.3]", "[1.2.3.4.5]", "[1.2.3.]", "[1..2.3]", "[1234.1.1.1]",
                "[1.2.3.4", "[]", "[ 1.2.3.4]", "[1.2.3.-4]", "[a.b.c.d]"}) {
            rejected(Host.parse(bad), 501, "5.5.4");
        }
    }

    @ParameterizedTest
    @Tag("5321-4.1.3b")
    @ValueSource(strings = {"2001:db8:0:0:0:0:0:1", "2001:DB8::1", "::", "::1", "1::", "1:2:3::4:5:6", "::2:3:4:5:6:7",
        "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "::ffff:192.0.2.1", "1:2:3::4:192.0.2.1", "1::192.0.2.1", "a:b:c:d::1.2.3.4"})
    void ipv6AddressLiteralForms_rfc5321_4_1_3(String addr) throws Exception {
        Ipv6Literal lit = (Ipv6Literal) Host.parse("[IPv6:" + addr + "]").orElseThrow();
        assertEquals(addr, lit.text());
        byte[] expected = InetAddress.getByName(addr).getAddress();
        byte[] actual = lit.address().getAddress();
        if (expected.length == 4) { // the JDK maps ::ffff:a.b.c.d to IPv4; compare the tail
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(java.util.Arrays.copyOfRange(actual, 12, 16)));
        } else {
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
        }
    }

    @ParameterizedTest
    @Tag("5321-4.1.3b")
    @ValueSource(strings = {"1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7",
        "12345::", "g::1", "1:2:3:4:5:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3::4:5:1.2.3.4", ":1::", "1:::2",
        "::1.2.3", "::1.2.3.256", "1.2.3.4", "", ":", "::1.2.3.4:5", "1::2:"})
    void rejectsMalformedIpv6_rfc5321_4_1_3(String addr) {
        rejected(Host.parse("[IPv6:" + addr + "]"), 501, "5.5.4");
    }

    @Test
    @Tag("5321-4.1.3b")
    void ipv6TagIsCaseInsensitive_rfc5234_2_3() {
        Ipv6Literal lit = (Ipv6Literal) Host.parse("[ipv6:::1]").orElseThrow();
        assertEquals("[IPv6:::1]", lit.toString());
    }

    @Test
    @Tag("5321-4.1.3c")
    void generalAddressLiteral_rfc5321_4_1_3() {
        assertEquals(new GeneralLiteral("x-tag", "some:content!"), Host.parse("[x-tag:some:content!]").orElseThrow());
        rejected(Host.parse("[x-tag:]"), 501, "5.5.4");
        rejected(Host.parse("[x_tag:a]"), 501, "5.5.4");
        rejected(Host.parse("[tag-:a]"), 501, "5.5.4");
        rejected(Host.parse("[tag:a\\b]"), 501, "5.5.4");
        rejected(Host.parse("[tag:a b]"), 501, "5.5.4");
        assertThrows(IllegalArgumentException.class, () -> new GeneralLiteral("IPv6", "::1"));
    }

    @Test
    @Tag("5321-4.1.3c")
    void aGreaterThanOrQuoteInsideALiteralDoesNotEndThePath_rfc5321_4_1_3() {
        String line = "MAIL FROM:<a@[x-tag:a>b\"c]> SIZE=1";
        smtp.wire.Mail m = Assertions2.command(smtp.wire.Mail.class, line);
        assertEquals(new GeneralLiteral("x-tag", "a>b\"c"), ((Path) m.reversePath()).mailbox().host());
        assertEquals(line, m.format());
        assertEquals("<\"a>b\"@example.org>", Assertions2.command(smtp.wire.Rcpt.class, "RCPT TO:<\"a>b\"@example.org> NOTIFY=NEVER")
                .forwardPath().toString());
    }

    @Test
    @Tag("5321-4.1.3a")
    void mailboxWithAddressLiteral_rfc5321_4_1_3() {
        Mailbox m = Mailbox.parse("postmaster@[IPv6:2001:db8::1]").orElseThrow();
        assertInstanceOf(Ipv6Literal.class, m.host());
        assertEquals("postmaster@[IPv6:2001:db8::1]", m.toString());
    }

    @Test
    @Tag("5321-4.5.3.1.1")
    void rejectsLocalPartOver64Octets_rfc5321_4_5_3_1_1() {
        String l64 = "a".repeat(64);
        assertEquals(l64, path("<" + l64 + "@example.org>").mailbox().localPart());
        rejected(ForwardPath.parse("<" + l64 + "a@example.org>"), 501, "5.1.3");
        // octets, not characters: 33 two-octet characters are 66 octets
        rejected(ForwardPath.parse("<" + "ö".repeat(33) + "@example.org>"), 501, "5.1.3");
        rejected(ReversePath.parse("<" + l64 + "a@example.org>"), 501, "5.1.7");
    }

    @Test
    @Tag("5321-4.5.3.1.2")
    void rejectsDomainOver255Octets_rfc5321_4_5_3_1_2() {
        String label = "a".repeat(63);
        String d255 = label + "." + label + "." + label + "." + "a".repeat(63); // 255
        assertEquals(255, d255.length());
        assertTrue(Domain.parse(d255).isOk());
        assertEquals("Domain too long", ((ParseResult.Invalid<?>) Domain.parse(d255 + "a")).reply().lines().get(0));
    }

    @Test
    @Tag("5321-4.5.3.1.3")
    void rejectsPathOver256Octets_rfc5321_4_5_3_1_3() {
        String local = "a".repeat(60);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63);
        String p = "<" + local + "@" + domain + ">"; // 1 + 60 + 1 + 191 + 1 = 254
        assertTrue(ForwardPath.parse(p).isOk());
        String p256 = "<" + local + "@" + domain + ".a>";
        assertEquals(256, p256.length());
        assertTrue(ForwardPath.parse(p256).isOk());
        String p257 = "<" + local + "@" + domain + ".ab>";
        assertEquals(Replies.PATH_TOO_LONG, rejected(ForwardPath.parse(p257), 501, "5.1.3"));
        rejected(ReversePath.parse(p257), 501, "5.1.7");
        rejected("RCPT TO:" + p257, 501, "5.1.3");
        rejected("MAIL FROM:<" + "x".repeat(300), 501, "5.1.7");
    }

    @Test
    @Tag("5321-4.1.2d")
    void mailboxRecordRefusesWhatCannotBeWritten_rfc5321_4_1_2() {
        assertThrows(IllegalArgumentException.class, () -> new Mailbox("a b", new Domain("example.org")));
        assertThrows(IllegalArgumentException.class, () -> new Mailbox("a>", new Domain("example.org")));
        assertThrows(IllegalArgumentException.class, () -> new Mailbox("", new Domain("example.org")));
        assertEquals("\"a b\"@example.org", new Mailbox("\"a b\"", new Domain("example.org")).toString());
    }
}
