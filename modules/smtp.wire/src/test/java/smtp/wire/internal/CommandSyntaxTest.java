package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.wire.internal.Assertions2.command;
import static smtp.wire.internal.Assertions2.rejected;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.Auth;
import smtp.wire.Bdat;
import smtp.wire.BodyType;
import smtp.wire.Command;
import smtp.wire.Data;
import smtp.wire.Domain;
import smtp.wire.Ehlo;
import smtp.wire.Expn;
import smtp.wire.Helo;
import smtp.wire.Help;
import smtp.wire.Ipv4Literal;
import smtp.wire.Mail;
import smtp.wire.Noop;
import smtp.wire.NullPath;
import smtp.wire.Path;
import smtp.wire.Postmaster;
import smtp.wire.Quit;
import smtp.wire.Rcpt;
import smtp.wire.Replies;
import smtp.wire.Rset;
import smtp.wire.StartTls;
import smtp.wire.Unknown;
import smtp.wire.Vrfy;

class CommandSyntaxTest {

    @Test
    @Tag("5321-2.4-syntax")
    void verbsAreCaseInsensitive_rfc5321_2_4() {
        assertEquals(new Quit(), command(Quit.class, "quit"));
        assertEquals(new Data(), command(Data.class, "DaTa"));
        Mail m = command(Mail.class, "mail from:<a@example.org>");
        assertEquals("<a@example.org>", m.reversePath().toString());
        command(Rcpt.class, "Rcpt To:<b@example.org>");
    }

    @Test
    @Tag("5321-4.1.1-syntax")
    void unknownVerbIsAValueNotAnError_rfc5321_4_1_1() {
        assertEquals(new Unknown("XFOO", "bar baz"), command(Unknown.class, "xfoo bar baz"));
        assertEquals(new Unknown("GET", "/ HTTP/1.1"), command(Unknown.class, "GET / HTTP/1.1"));
        assertEquals(new Unknown("", ""), command(Unknown.class, ""));
        assertEquals(new Unknown("DATAX", ""), command(Unknown.class, "DATAX"));
    }

    @Test
    @Tag("5321-4.1.1.1-syntax")
    void ehloTakesDomainOrAddressLiteral_rfc5321_4_1_1_1() {
        assertEquals(new Domain("mx.example.org"), command(Ehlo.class, "EHLO mx.example.org").host());
        assertInstanceOf(Ipv4Literal.class, command(Ehlo.class, "EHLO [192.0.2.1]").host());
        assertEquals(new Domain("client"), command(Helo.class, "HELO client").host());
        rejected("EHLO", 501, "5.5.4");
        rejected("EHLO ", 501, "5.5.4");
        rejected("EHLO a.example b", 501, "5.5.4");
        rejected("EHLO my_host.example", 501, "5.5.4");
        rejected("EHLO bücher.example", 501, "5.5.4");
    }

    @Test
    @Tag("5321-4.1.1.2-syntax")
    void mailFromReversePathAndParameters_rfc5321_4_1_1_2() {
        Mail m = command(Mail.class, "MAIL FROM:<>");
        assertEquals(new NullPath(), m.reversePath());
        m = command(Mail.class, "MAIL FROM:<user@example.org> SIZE=1000 BODY=8BITMIME");
        assertEquals(1000L, m.parameters().size().getAsLong());
        assertEquals(Optional.of(BodyType.EIGHT_BIT_MIME), m.parameters().body());
        rejected("MAIL FROM:", 501, "5.1.7");
        rejected("MAIL FROM:user@example.org", 501, "5.1.7");
        rejected("MAIL TO:<a@b>", 501, "5.5.4");
        rejected("MAIL", 501, "5.5.4");
        rejected("MAIL FROM:<a@b>  SIZE=1", 501, "5.5.4");
        // RFC 5321 §4.1.1: trailing white space before CRLF SHOULD be tolerated.
        assertEquals("<a@b>", command(Mail.class, "MAIL FROM:<a@b> ").reversePath().toString());
    }

    @Test
    @Tag("5321-4.1.1.2-space")
    void spaceBeforeAngleBracketIsToleratedDeviation_rfc5321_4_1_1_2() {
        assertEquals("<a@example.org>", command(Mail.class, "MAIL FROM: <a@example.org>").reversePath().toString());
        assertEquals("<b@example.org>", command(Rcpt.class, "RCPT TO:  <b@example.org>").forwardPath().toString());
        // the brackets stay mandatory
        rejected("MAIL FROM: a@example.org", 501, "5.1.7");
    }

    @Test
    @Tag("5321-4.1.1.3-syntax")
    void rcptToForwardPathAndPostmaster_rfc5321_4_1_1_3() {
        assertEquals(new Postmaster(), command(Rcpt.class, "RCPT TO:<Postmaster>").forwardPath());
        assertEquals(new Postmaster(), command(Rcpt.class, "RCPT TO:<postMASTER>").forwardPath());
        Path p = (Path) command(Rcpt.class, "RCPT TO:<Postmaster@example.org>").forwardPath();
        assertEquals("Postmaster", p.mailbox().localPart());
        rejected("RCPT TO:<>", 501, "5.1.3");
        rejected("RCPT FROM:<a@b>", 501, "5.5.4");
        rejected("RCPT TO:", 501, "5.1.3");
    }

    @Test
    @Tag("5321-4.1.1.4-syntax")
    void dataTakesNoArgument_rfc5321_4_1_1_4() {
        command(Data.class, "DATA");
        rejected("DATA x", 501, "5.5.4");
        // RFC 5321 §4.1.1: trailing white space before CRLF SHOULD be tolerated.
        command(Data.class, "DATA ");
        command(Data.class, "DATA \t");
    }

    @Test
    @Tag("5321-4.1.1.5-syntax")
    void rsetTakesNoArgument_rfc5321_4_1_1_5() {
        command(Rset.class, "RSET");
        rejected("RSET now", 501, "5.5.4");
    }

    @Test
    @Tag("5321-4.1.1.6-syntax")
    void vrfyRequiresString_rfc5321_4_1_1_6() {
        assertEquals(new Vrfy("postmaster"), command(Vrfy.class, "VRFY postmaster"));
        assertEquals(new Vrfy("<a@b.example>"), command(Vrfy.class, "VRFY <a@b.example>"));
        rejected("VRFY", 501, "5.5.4");
    }

    @Test
    @Tag("5321-4.1.1.7-syntax")
    void expnRequiresString_rfc5321_4_1_1_7() {
        assertEquals(new Expn("staff"), command(Expn.class, "EXPN staff"));
        rejected("EXPN", 501, "5.5.4");
    }

    @Test
    @Tag("5321-4.1.1.8-syntax")
    void helpTakesOptionalString_rfc5321_4_1_1_8() {
        assertEquals(new Help(Optional.empty()), command(Help.class, "HELP"));
        assertEquals(new Help(Optional.of("MAIL")), command(Help.class, "HELP MAIL"));
    }

    @Test
    @Tag("5321-4.1.1.9-syntax")
    void noopTakesOptionalString_rfc5321_4_1_1_9() {
        assertEquals(new Noop(Optional.empty()), command(Noop.class, "NOOP"));
        assertEquals(new Noop(Optional.of("ignored text")), command(Noop.class, "NOOP ignored text"));
    }

    @Test
    @Tag("5321-4.1.1.10-syntax")
    void quitTakesNoArgument_rfc5321_4_1_1_10() {
        command(Quit.class, "QUIT");
        rejected("QUIT please", 501, "5.5.4");
    }

    @Test
    @Tag("3207-4-syntax")
    void startTlsTakesNoParameter_rfc3207_4() {
        command(StartTls.class, "STARTTLS");
        command(StartTls.class, "starttls");
        rejected("STARTTLS now", 501, "5.5.4");
    }

    @Test
    @Tag("4954-4-syntax")
    void authMechanismAndInitialResponse_rfc4954_4() {
        assertEquals(new Auth("PLAIN", Optional.empty()), command(Auth.class, "AUTH PLAIN"));
        assertEquals(new Auth("PLAIN", Optional.of("AHVzZXIAcGFzcw==")), command(Auth.class, "auth plain AHVzZXIAcGFzcw=="));
        assertEquals(new Auth("EXTERNAL", Optional.of("=")), command(Auth.class, "AUTH EXTERNAL ="));
        assertEquals(new Auth("SCRAM-SHA-256", Optional.empty()), command(Auth.class, "AUTH SCRAM-SHA-256"));
        rejected("AUTH", 501, "5.5.4");
        rejected("AUTH PLAIN a b", 501, "5.5.4");
        rejected("AUTH THIS-MECHANISM-NAME-IS-TOO-LONG", 501, "5.5.4");
        rejected("AUTH PL@IN", 501, "5.5.4");
    }

    @Test
    @Tag("4954-4-base64")
    void authInitialResponseMustBeBase64_rfc4954_4() {
        rejected("AUTH PLAIN not*base64", 501, "5.5.2");
        rejected("AUTH PLAIN abc", 501, "5.5.2");
        rejected("AUTH PLAIN ab=c", 501, "5.5.2");
        assertTrue(CommandSyntax.isBase64("YQ=="));
        assertTrue(CommandSyntax.isBase64("YWI="));
        assertTrue(CommandSyntax.isBase64("YWJj"));
        assertFalse(CommandSyntax.isBase64("Y==="));
    }

    @Test
    @Tag("4954-4-length")
    void authLineMayReach12288Octets_rfc4954_4() {
        String ir = "QUFB".repeat(3000); // 12000 octets of base64
        assertEquals(ir, command(Auth.class, "AUTH PLAIN " + ir).initialResponse().orElseThrow());
        rejected("AUTH PLAIN " + "QUFB".repeat(3100), 500, "5.5.6");
        rejected("NOOP " + "x".repeat(600), 500, "5.5.6");
    }

    @Test
    @Tag("3030-2-syntax")
    @Tag("1870-6-syntax")
    void bdatChunkSizeAndLast_rfc3030_2() {
        assertEquals(new Bdat(1000, false), command(Bdat.class, "BDAT 1000"));
        assertEquals(new Bdat(0, true), command(Bdat.class, "bdat 0 last"));
        rejected("BDAT", 501, "5.5.4");
        rejected("BDAT x", 501, "5.5.4");
        rejected("BDAT 10 FIRST", 501, "5.5.4");
        rejected("BDAT -1", 501, "5.5.4");
        rejected("BDAT 99999999999999999999999", 552, "5.3.4");
    }

    @Test
    @Tag("6531-3.4-syntax")
    void nonAsciiReversePathNeedsTheSmtpUtf8Parameter_rfc6531_3_4() {
        // RFC 6531 §3.4: a non-ASCII mailbox in MAIL FROM without SMTPUTF8 gets 553 5.6.7 (X.6.7).
        assertEquals(Replies.NON_ASCII_SENDER, rejected("MAIL FROM:<jöran@example.org>", 553, "5.6.7"));
        rejected("MAIL FROM:<a@bücher.example> SIZE=10", 553, "5.6.7");
        Mail m = command(Mail.class, "MAIL FROM:<jöran@bücher.example> SMTPUTF8");
        assertTrue(m.parameters().smtpUtf8());
        assertFalse(((Path) m.reversePath()).mailbox().isAscii());
        // The parameter takes no value; a non-ASCII forward-path is the session's decision.
        rejected("MAIL FROM:<jöran@example.org> SMTPUTF8=yes", 501, "5.5.4");
        command(Rcpt.class, "RCPT TO:<jöran@example.org>");
    }

    @Test
    @Tag("5321-4.5.3.1.4")
    void commandLineOver512OctetsIsTooLong_rfc5321_4_5_3_1_4() {
        String ok = "NOOP " + "x".repeat(510 - 5);
        assertEquals(510, ok.length());
        command(Noop.class, ok);
        assertEquals(Replies.LINE_TOO_LONG, rejected(ok + "x", 500, "5.5.6"));
    }

    @Test
    @Tag("5321-4.5.3.1.4")
    void trailingSpacesCountTowardsTheLineLimit_rfc5321_4_5_3_1_4() {
        // §4.1.1 tolerates trailing white space, but only within the 512 octets of §4.5.3.1.4:
        // a line refused as too long is not retried without its trailing spaces.
        assertEquals(Replies.LINE_TOO_LONG, rejected("NOOP" + " ".repeat(700), 500, "5.5.6"));
        assertEquals(Replies.LINE_TOO_LONG, rejected("RSET" + " ".repeat(507), 500, "5.5.6"));
        assertEquals(Replies.LINE_TOO_LONG, rejected("QUIT" + "\t".repeat(600), 500, "5.5.6"));
        assertEquals(new Rset(), command(Rset.class, "RSET" + " ".repeat(506)));
        assertEquals(new Quit(), command(Quit.class, "QUIT \t "));
    }

    @Test
    @Tag("5321-4.1.1-octets")
    void controlCharactersAndInvalidUtf8AreSyntaxErrors_rfc5321_4_1_1() {
        rejected("NOOP a\rb", 500, "5.5.2");
        rejected("NOOP a\0b", 500, "5.5.2");
        rejected("MAIL FROM:<a@b>\tSIZE=1", 500, "5.5.2");
        byte[] bad = "NOOP \u00e9".getBytes(StandardCharsets.ISO_8859_1);
        rejected(Command.parse(bad), 500, "5.5.2");
        byte[] overlong = {'N', 'O', 'O', 'P', ' ', (byte) 0xc0, (byte) 0xaf};
        rejected(Command.parse(overlong), 500, "5.5.2");
        assertEquals(new Noop(Optional.of("é")), command(Noop.class, "NOOP é"));
    }

}
