package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import smtp.wire.Auth;
import smtp.wire.Domain;
import smtp.wire.EsmtpParameter;
import smtp.wire.Expn;
import smtp.wire.Help;
import smtp.wire.Ipv6Literal;
import smtp.wire.Mail;
import smtp.wire.MailParameters;
import smtp.wire.Mailbox;
import smtp.wire.Noop;
import smtp.wire.OriginalRecipient;
import smtp.wire.Path;
import smtp.wire.RcptParameters;
import smtp.wire.Unknown;
import smtp.wire.Vrfy;

/**
 * The value records refuse what would not format into exactly one command line that parses
 * back to them: a Domain that is not RFC 5321 §4.1.2 / RFC 6531 §3.3 syntax, IPv6 text that is
 * not the address, control characters (CR, LF, NUL...) in free-text arguments. Without these
 * checks a program that builds a command from untrusted text could inject a parameter or a
 * second command ({@code toBytes()} of {@code VRFY a\r\nRCPT TO:<x@y>}).
 */
class CommandValueTest {

    static void refused(Executable e) {
        assertThrows(IllegalArgumentException.class, e);
    }

    @Test
    @Tag("5321-4.1.2e")
    void domainRecordHoldsOnlyTheDomainSyntax_rfc5321_4_1_2() {
        // The auditor's example: a parameter injected through the domain of MAIL FROM.
        refused(() -> new Mail(Path.of(new Mailbox("a", new Domain("b.example> SIZE=1 X"))), MailParameters.NONE));
        for (String bad : List.of("a b", "a_b.example", "example.org.", ".example.org", "a..example", "-a.example",
                "a-.example", "", "a\r\nb", "a\0b", "[1.2.3.4]", "a:b", "Bücher.example",
                ("a".repeat(63) + ".").repeat(4) + "ab")) { // the last is 258 octets (RFC 5321 §4.5.3.1.2: 255)
            refused(() -> new Domain(bad));
        }
        for (String good : List.of("localhost", "a-b.c0.example", "123.example", "bücher.example", "xn--bcher-kva.example",
                ("a".repeat(63) + ".").repeat(3) + "a".repeat(63))) { // 255 octets
            assertEquals(good, new Domain(good).name());
        }
    }

    @Test
    @Tag("5321-4.1.3b")
    void ipv6LiteralTextIsTheAddressInAnRfc5321Form_rfc5321_4_1_3() throws Exception {
        Inet6Address one = (Inet6Address) InetAddress.getByName("::1");
        assertEquals("[IPv6:0:0:0:0:0:0:0:1]", new Ipv6Literal(one, "0:0:0:0:0:0:0:1").toString());
        assertEquals("[IPv6:::1]", new Ipv6Literal(one, "::1").toString());
        for (String bad : List.of("::2", "::1] x", "::1\r\n", "", "1", "::1%lo", "localhost", "0::0:0:0:0:0:0:0:1")) {
            refused(() -> new Ipv6Literal(one, bad));
        }
    }

    @Test
    @Tag("5321-4.1.1-values")
    void freeTextArgumentsHoldNoControlCharacter_rfc5321_4_1_1() {
        String injected = "x\r\nRCPT TO:<victim@example.com>";
        refused(() -> new Vrfy(injected));
        refused(() -> new Vrfy(""));
        refused(() -> new Expn("list\n"));
        refused(() -> new Noop(Optional.of("a\0b")));
        refused(() -> new Help(Optional.of("topic\r")));
        refused(() -> new Vrfy("tab\there"));
        refused(() -> new Vrfy("del\u007f"));
        refused(() -> new Vrfy("lone \ud800 surrogate"));
        refused(() -> new Unknown("XFOO", injected));
        refused(() -> new Unknown("X FOO", ""));
        refused(() -> new Unknown("xfoo", "")); // the parser upper-cases verbs
        refused(() -> new Unknown("MAIL", "FROM:<a@b>")); // a verb with a type of its own
        assertEquals("VRFY Smith é", new Vrfy("Smith é").format());
        assertEquals("XFOO a  b ", new Unknown("XFOO", "a  b ").format());
        assertEquals("NOOP", new Noop(Optional.empty()).format());
        assertDoesNotThrow(() -> new Unknown("", ""));
    }

    @Test
    @Tag("5321-4.1.1-values")
    void authMechanismAndInitialResponseAreTheirSyntax_rfc4954_4() {
        refused(() -> new Auth("PLAIN\r\nMAIL", Optional.empty()));
        refused(() -> new Auth("plain", Optional.empty()));
        refused(() -> new Auth("", Optional.empty()));
        refused(() -> new Auth("A".repeat(21), Optional.empty()));
        refused(() -> new Auth("PLAIN", Optional.of("AGJvYgBzZWNyZXQ=\r\nQUIT")));
        refused(() -> new Auth("PLAIN", Optional.of("not base64")));
        assertEquals("AUTH SCRAM-SHA-256 =", new Auth("SCRAM-SHA-256", Optional.of("=")).format());
    }

    @Test
    @Tag("5321-4.1.1-values")
    void parametersFormatIntoEsmtpParamsThatParseBack_rfc5321_4_1_2() {
        refused(() -> new MailParameters(OptionalLong.of(-1), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of()));
        refused(() -> new MailParameters(OptionalLong.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.of(""), List.of()));
        refused(() -> new MailParameters(OptionalLong.empty(), Optional.empty(), false, Optional.of(""), Optional.empty(),
                Optional.empty(), List.of()));
        refused(() -> new MailParameters(OptionalLong.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(new EsmtpParameter("size", Optional.of("10")))));
        refused(() -> new RcptParameters(Set.of(), Optional.empty(), List.of(new EsmtpParameter("Notify", Optional.of("NEVER")))));
        refused(() -> new OriginalRecipient("rfc822\r\n", "a@b"));
        refused(() -> new OriginalRecipient("a=b", "a@b"));
        refused(() -> new OriginalRecipient("rfc822", ""));
        // Free text in ENVID, AUTH= and ORCPT is xtext-encoded, so a CRLF there is harmless.
        assertEquals(" ENVID=a+0D+0AQUIT", new MailParameters(OptionalLong.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty(), Optional.of("a\r\nQUIT"), List.of()).format());
        assertEquals("rfc822;a+0D+0Ab", new OriginalRecipient("rfc822", "a\r\nb").toString());
    }
}
