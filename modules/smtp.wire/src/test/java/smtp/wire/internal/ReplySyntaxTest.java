package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.wire.internal.Assertions2.rejected;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.EnhancedStatus;
import smtp.wire.ParseResult;
import smtp.wire.Reply;
import smtp.wire.ReplyAssembler;

class ReplySyntaxTest {

    @Test
    @Tag("5321-4.2a")
    void singleLineReply_rfc5321_4_2() {
        Reply r = Reply.parse("250 OK\r\n").orElseThrow();
        assertEquals(250, r.code());
        assertEquals(List.of("OK"), r.lines());
        assertEquals(Optional.empty(), r.status());
        assertEquals(List.of("mx.example ESMTP ready"), Reply.parse("220 mx.example ESMTP ready").orElseThrow().lines());
    }

    @Test
    @Tag("5321-4.2a")
    void replyCodeDigitsAreRestricted_rfc5321_4_2() {
        for (String bad : new String[] {"199 x", "600 x", "260 x", "25 x", "2x0 x", "", "abc", "-250 x"}) {
            rejected(Reply.parse(bad), 421, "4.5.0");
        }
        assertEquals(559, Reply.parse("559 x").orElseThrow().code());
    }

    @Test
    @Tag("5321-4.2c")
    void bareCodeAndEmptyTextAreAccepted_rfc5321_4_2() {
        assertEquals(List.of(""), Reply.parse("250").orElseThrow().lines());
        assertEquals(List.of(""), Reply.parse("250 ").orElseThrow().lines());
        assertEquals(List.of("  two spaces"), Reply.parse("250   two spaces").orElseThrow().lines());
        assertEquals(List.of("résumé ✓"), Reply.parse("250 résumé ✓").orElseThrow().lines());
        rejected(Reply.parse("250x"), 421, "4.5.0");
    }

    @Test
    @Tag("5321-4.2b")
    void multilineReplyHasHyphenOnAllButLastLine_rfc5321_4_2_1() {
        String wire = "250-First line\r\n250-Second line\r\n250-234 Text beginning with numbers\r\n250 The last line\r\n";
        Reply r = Reply.parse(wire).orElseThrow();
        assertEquals(List.of("First line", "Second line", "234 Text beginning with numbers", "The last line"), r.lines());
        assertEquals(wire, r.format());
        rejected(Reply.parse("250-a\r\n250-b\r\n"), 421, "4.5.0");
        rejected(Reply.parse("250 a\r\n250 b\r\n"), 421, "4.5.0");
        rejected(Reply.parse("250\r\n250 b\r\n"), 421, "4.5.0");
        assertEquals(List.of("", "x"), Reply.parse("250-\r\n250 x").orElseThrow().lines());
    }

    @Test
    @Tag("5321-4.2.1")
    void replyCodeMustBeTheSameOnEveryLine_rfc5321_4_2_1() {
        rejected(Reply.parse("250-a\r\n251 b\r\n"), 421, "4.5.0");
        rejected(Reply.parse(List.of("550-a", "450 b")), 421, "4.5.0");
    }

    @Test
    @Tag("5321-4.5.3.1.5")
    void rejectsReplyLineOver512Octets_rfc5321_4_5_3_1_5() {
        String ok = "250 " + "x".repeat(506);
        assertEquals(510, ok.length());
        assertTrue(Reply.parse(ok).isOk());
        rejected(Reply.parse(ok + "x"), 421, "4.5.0");
        rejected(Reply.parse("250 " + "é".repeat(254)), 421, "4.5.0");
    }

    @Test
    @Tag("2034-3")
    void enhancedStatusOnEveryLineIsRecognised_rfc2034_3() {
        Reply r = Reply.parse("550-5.7.1 first\r\n550 5.7.1 second\r\n").orElseThrow();
        assertEquals(Optional.of(EnhancedStatus.of(5, 7, 1)), r.status());
        assertEquals(List.of("first", "second"), r.lines());
        assertEquals("550-5.7.1 first\r\n550 5.7.1 second\r\n", r.format());
        Reply single = Reply.parse("250 2.1.0 Sender OK").orElseThrow();
        assertEquals(Optional.of(EnhancedStatus.of(2, 1, 0)), single.status());
        assertEquals(List.of(""), Reply.parse("250 2.0.0").orElseThrow().lines());
    }

    @Test
    @Tag("2034-3")
    void statusIsTextWhenNotOnEveryLineOrWrongClass_rfc2034_3() {
        Reply mixed = Reply.parse("250-mx.example\r\n250 2.0.0 OK").orElseThrow();
        assertEquals(Optional.empty(), mixed.status());
        assertEquals(List.of("mx.example", "2.0.0 OK"), mixed.lines());
        Reply wrongClass = Reply.parse("250 5.0.0 odd").orElseThrow();
        assertEquals(Optional.empty(), wrongClass.status());
        assertEquals(List.of("5.0.0 odd"), wrongClass.lines());
        Reply different = Reply.parse("550-5.7.1 a\r\n550 5.7.0 b").orElseThrow();
        assertEquals(Optional.empty(), different.status());
        assertEquals(Optional.empty(), Reply.parse("354 3.0.0 go").orElseThrow().status());
        assertEquals(Optional.empty(), Reply.parse("250 2.0.0x").orElseThrow().status());
    }

    @Test
    @Tag("5321-4.2b")
    void assemblerCollectsContinuationLines_rfc5321_4_2_1() {
        ReplyAssembler a = new ReplyAssembler();
        assertTrue(a.accept("250-mx.example").isEmpty());
        assertTrue(a.inProgress());
        assertTrue(a.accept("250-PIPELINING").isEmpty());
        ParseResult<Reply> r = a.accept("250 SMTPUTF8").orElseThrow();
        assertEquals(List.of("mx.example", "PIPELINING", "SMTPUTF8"), r.orElseThrow().lines());
        assertTrue(!a.inProgress());
    }

    @Test
    @Tag("5321-4.2.1")
    void assemblerFailsFastOnCodeChange_rfc5321_4_2_1() {
        ReplyAssembler a = new ReplyAssembler();
        assertTrue(a.accept("250-a").isEmpty());
        rejected(a.accept("251-b").orElseThrow(), 421, "4.5.0");
        assertTrue(!a.inProgress());
        rejected(a.accept("xyz-garbage").orElseThrow(), 421, "4.5.0");
        assertEquals(List.of("ok"), a.accept("250 ok").orElseThrow().orElseThrow().lines());
    }

    @Test
    @Tag("5321-4.2b")
    void assemblerBoundsTheNumberOfLines_rfc5321_4_2_1() {
        ReplyAssembler a = new ReplyAssembler();
        Optional<ParseResult<Reply>> r = Optional.empty();
        int n = 0;
        while (r.isEmpty()) {
            r = a.accept("250-line");
            n++;
        }
        assertEquals(ReplyAssembler.MAX_LINES, n);
        rejected(r.get(), 421, "4.5.0");
    }
}
