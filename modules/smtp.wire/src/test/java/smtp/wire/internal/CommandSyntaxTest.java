package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.wire.internal.Assertions2.command;
import static smtp.wire.internal.Assertions2.rejected;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.Auth;
import smtp.wire.Bdat;
import smtp.wire.BodyType;
import smtp.wire.Command;
import smtp.wire.Data;
import smtp.wire.Domain;
import smtp.wire.Ehlo;
import smtp.wire.EsmtpParameter;
import smtp.wire.Expn;
import smtp.wire.Helo;
import smtp.wire.Help;
import smtp.wire.Ipv4Literal;
import smtp.wire.Mail;
import smtp.wire.Noop;
import smtp.wire.Notify;
import smtp.wire.NullPath;
import smtp.wire.ParseResult;
import smtp.wire.Path;
import smtp.wire.Postmaster;
import smtp.wire.Quit;
import smtp.wire.Rcpt;
import smtp.wire.Replies;
import smtp.wire.Ret;
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
        rejected("MAIL FROM:<a@b> ", 501, "5.5.4");
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
        rejected("DATA ", 501, "5.5.4");
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
    @Tag("5321-4.5.3.1.4")
    void commandLineOver512OctetsIsTooLong_rfc5321_4_5_3_1_4() {
        String ok = "NOOP " + "x".repeat(510 - 5);
        assertEquals(510, ok.length());
        command(Noop.class, ok);
        assertEquals(Replies.LINE_TOO_LONG, rejected(ok + "x", 500, "5.5.6"));
    }

    @Test
    @Tag("5321-4.1.1-octets")
    void controlCharactersAndInvalidUtf8AreSyntaxErrors_rfc5321_4_1_1() {
        rejected("NOOP a\rb", 500, "5.5.2");
        rejected("NOOP a\0b", 500, "5.5.2");
        rejected("MAIL FROM:<a@b>\t", 500, "5.5.2");
        byte[] bad = "NOOP \u00e9".getBytes(StandardCharsets.ISO_8859_1);
        rejected(Command.parse(bad), 500, "5.5.2");
        byte[] overlong = {'N', 'O', 'O', 'P', ' ', (byte) 0xc0, (byte) 0xaf};
        rejected(Command.parse(overlong), 500, "5.5.2");
        assertEquals(new Noop(Optional.of("é")), command(Noop.class, "NOOP é"));
    }

    @Test
    @Tag("1870-3")
    void sizeParameterIsDigits_rfc1870_3() {
        assertEquals(0L, command(Mail.class, "MAIL FROM:<> SIZE=0").parameters().size().getAsLong());
        assertEquals(Long.MAX_VALUE, command(Mail.class, "MAIL FROM:<> SIZE=9223372036854775807").parameters().size().getAsLong());
        rejected("MAIL FROM:<> SIZE=", 501, "5.5.4");
        rejected("MAIL FROM:<> SIZE", 501, "5.5.4");
        rejected("MAIL FROM:<> SIZE=12k", 501, "5.5.4");
        rejected("MAIL FROM:<> SIZE=-1", 501, "5.5.4");
        rejected("MAIL FROM:<> SIZE=123456789012345678901", 501, "5.5.4");
    }

    @Test
    @Tag("1870-6-syntax")
    void sizeBeyondAnyLimitIs552_rfc1870_6() {
        assertEquals(Replies.MESSAGE_TOO_BIG, rejected("MAIL FROM:<> SIZE=99999999999999999999", 552, "5.3.4"));
    }

    @Test
    @Tag("6152-2-syntax")
    void bodyParameter_rfc6152_2() {
        assertEquals(Optional.of(BodyType.SEVEN_BIT), command(Mail.class, "MAIL FROM:<> BODY=7bit").parameters().body());
        assertEquals(Optional.of(BodyType.EIGHT_BIT_MIME), command(Mail.class, "MAIL FROM:<> body=8BITMIME").parameters().body());
        rejected("MAIL FROM:<> BODY=9BIT", 501, "5.5.4");
        rejected("MAIL FROM:<> BODY", 501, "5.5.4");
    }

    @Test
    @Tag("3030-3-syntax")
    void bodyBinaryMime_rfc3030_3() {
        assertEquals(Optional.of(BodyType.BINARY_MIME), command(Mail.class, "MAIL FROM:<> BODY=BINARYMIME").parameters().body());
    }

    @Test
    @Tag("6531-3.4-syntax")
    void smtpUtf8ParameterHasNoValueAndGuardsNonAsciiSenders_rfc6531_3_4() {
        Mail m = command(Mail.class, "MAIL FROM:<jöran@bücher.example> SMTPUTF8");
        assertTrue(m.parameters().smtpUtf8());
        rejected("MAIL FROM:<> SMTPUTF8=yes", 501, "5.5.4");
        assertEquals(Replies.NON_ASCII_SENDER, rejected("MAIL FROM:<jöran@example.org>", 553, "5.6.7"));
    }

    @Test
    @Tag("4954-5-syntax")
    void authParameterIsXtextOrNull_rfc4954_5() {
        assertEquals(Optional.of("<>"), command(Mail.class, "MAIL FROM:<> AUTH=<>").parameters().auth());
        assertEquals(Optional.of("e+x@example.org"), command(Mail.class, "MAIL FROM:<> AUTH=e+2Bx@example.org").parameters().auth());
        rejected("MAIL FROM:<> AUTH=a+2b", 501, "5.5.4");
        rejected("MAIL FROM:<> AUTH", 501, "5.5.4");
    }

    @Test
    @Tag("3461-4.3-syntax")
    void retParameter_rfc3461_4_3() {
        assertEquals(Optional.of(Ret.HDRS), command(Mail.class, "MAIL FROM:<> RET=hdrs").parameters().ret());
        assertEquals(Optional.of(Ret.FULL), command(Mail.class, "MAIL FROM:<> RET=FULL").parameters().ret());
        rejected("MAIL FROM:<> RET=ALL", 501, "5.5.4");
    }

    @Test
    @Tag("3461-4.4-syntax")
    void envidParameterIsXtext_rfc3461_4_4() {
        assertEquals(Optional.of("QQ 31+x"), command(Mail.class, "MAIL FROM:<> ENVID=QQ+2031+2Bx").parameters().envelopeId());
        rejected("MAIL FROM:<> ENVID=a+zz", 501, "5.5.4");
    }

    @Test
    @Tag("3461-4.1-syntax")
    void notifyNeverIsExclusive_rfc3461_4_1() {
        assertEquals(Set.of(Notify.NEVER), command(Rcpt.class, "RCPT TO:<a@b.example> NOTIFY=NEVER").parameters().notifyOn());
        assertEquals(Set.of(Notify.SUCCESS, Notify.FAILURE), command(Rcpt.class, "RCPT TO:<a@b.example> NOTIFY=success,Failure").parameters().notifyOn());
        rejected("RCPT TO:<a@b.example> NOTIFY=NEVER,SUCCESS", 501, "5.5.4");
        rejected("RCPT TO:<a@b.example> NOTIFY=SUCCESS,", 501, "5.5.4");
        rejected("RCPT TO:<a@b.example> NOTIFY=ALWAYS", 501, "5.5.4");
    }

    @Test
    @Tag("3461-4.2-syntax")
    void orcptIsAddrTypeAndXtext_rfc3461_4_2() {
        var o = command(Rcpt.class, "RCPT TO:<a@b.example> ORCPT=rfc822;a+2Bb@c.example").parameters().orcpt().orElseThrow();
        assertEquals("rfc822", o.addressType());
        assertEquals("a+b@c.example", o.address());
        rejected("RCPT TO:<a@b.example> ORCPT=a@c.example", 501, "5.5.4");
        rejected("RCPT TO:<a@b.example> ORCPT=;a@c.example", 501, "5.5.4");
        rejected("RCPT TO:<a@b.example> ORCPT=rfc822;a+", 501, "5.5.4");
    }

    @Test
    @Tag("5321-4.1.1.11-syntax")
    void unknownParametersAreKeptForThe555Decision_rfc5321_4_1_1_11() {
        Mail m = command(Mail.class, "MAIL FROM:<> XFOO=bar MT-PRIORITY=3 NOTIFY=NEVER");
        assertEquals(List.of(new EsmtpParameter("XFOO", Optional.of("bar")), new EsmtpParameter("MT-PRIORITY", Optional.of("3")),
                new EsmtpParameter("NOTIFY", Optional.of("NEVER"))), m.parameters().others());
        Rcpt r = command(Rcpt.class, "RCPT TO:<a@b.example> SIZE=5");
        assertEquals(List.of(new EsmtpParameter("SIZE", Optional.of("5"))), r.parameters().others());
    }

    @Test
    @Tag("5321-4.1.2f")
    void esmtpParameterSyntaxAndDuplicates_rfc5321_4_1_2() {
        rejected("MAIL FROM:<> -X=1", 501, "5.5.4");
        rejected("MAIL FROM:<> X_Y=1", 501, "5.5.4");
        rejected("MAIL FROM:<> X=", 501, "5.5.4");
        rejected("MAIL FROM:<> X=a=b", 501, "5.5.4");
        rejected("MAIL FROM:<> SIZE=1 SIZE=2", 501, "5.5.4");
        rejected("MAIL FROM:<> BODY=7BIT body=7BIT", 501, "5.5.4");
        rejected("RCPT TO:<a@b.example> NOTIFY=NEVER NOTIFY=NEVER", 501, "5.5.4");
        rejected("MAIL FROM:<> SMTPUTF8 SMTPUTF8", 501, "5.5.4");
    }

    @Test
    void parameterRecordsFormatBackToTheSameCommand() {
        String line = "MAIL FROM:<a@b.example> SIZE=12 BODY=8BITMIME SMTPUTF8 AUTH=<> RET=HDRS ENVID=x+2By XA";
        ParseResult<Command> r = Command.parse(line);
        assertEquals(line, r.orElseThrow().format());
        String rcpt = "RCPT TO:<a@b.example> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;a@b.example X=1";
        assertEquals(rcpt, Command.parse(rcpt).orElseThrow().format());
    }
}
