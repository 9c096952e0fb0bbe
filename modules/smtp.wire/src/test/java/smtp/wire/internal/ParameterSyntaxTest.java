package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.wire.internal.Assertions2.command;
import static smtp.wire.internal.Assertions2.rejected;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.BodyType;
import smtp.wire.Command;
import smtp.wire.EsmtpParameter;
import smtp.wire.Mail;
import smtp.wire.Notify;
import smtp.wire.ParseResult;
import smtp.wire.Rcpt;
import smtp.wire.Replies;
import smtp.wire.Ret;

/** The ESMTP parameters of MAIL and RCPT ({@link ParameterSyntax}), through {@link Command#parse}. */
class ParameterSyntaxTest {

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

    @Test
    @Tag("5321-4.1.2f")
    void esmtpParameterRecordRefusesWhatCannotBeWritten_rfc5321_4_1_2() {
        assertThrows(IllegalArgumentException.class, () -> new EsmtpParameter("X Y", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new EsmtpParameter("X", Optional.of("a b")));
        assertThrows(IllegalArgumentException.class, () -> new EsmtpParameter("X", Optional.of("")));
        assertThrows(IllegalArgumentException.class, () -> new EsmtpParameter("X", Optional.of("a=b")));
        assertEquals("X-Y=1", new EsmtpParameter("X-Y", Optional.of("1")).toString());
    }
}
