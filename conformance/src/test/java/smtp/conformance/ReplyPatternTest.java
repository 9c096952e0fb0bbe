package smtp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import smtp.conformance.internal.Checked;
import smtp.conformance.internal.ReplyPatternSyntax;
import smtp.wire.EnhancedStatus;
import smtp.wire.Reply;

class ReplyPatternTest {

    static ReplyPattern pattern(String written) {
        return switch (ReplyPatternSyntax.parse(written)) {
            case Checked.Ok<ReplyPattern> ok -> ok.value();
            case Checked.Error<ReplyPattern> e -> throw new AssertionError(e.message());
        };
    }

    static final Reply EHLO = new Reply(250, Optional.empty(),
            List.of("mx.example greets you", "PIPELINING", "SIZE 10240000", "auth PLAIN LOGIN", "8BITMIME"));
    static final Reply BAD_SEQUENCE = Reply.of(503, "5.5.1", "Error: need MAIL command");
    static final Reply OK_NO_STATUS = Reply.of(250, "OK");

    @Test
    void aCodeMatchesExactlyOrWithDotsAsAnyDigit_rfc5321_4_2_1() {
        assertTrue(pattern("250").matches(OK_NO_STATUS));
        assertTrue(pattern("2..").matches(OK_NO_STATUS));
        assertTrue(pattern("25.").matches(OK_NO_STATUS));
        assertTrue(pattern(".5.").matches(OK_NO_STATUS));
        assertFalse(pattern("251").matches(OK_NO_STATUS));
        assertFalse(pattern("5..").matches(OK_NO_STATUS));
        assertTrue(pattern("5..").matches(BAD_SEQUENCE));
    }

    @Test
    void codeDashKeywordLooksForAnEhloLineCaseInsensitively_rfc5321_4_1_1_1() {
        assertTrue(pattern("250-SIZE").matches(EHLO));
        assertTrue(pattern("250-AUTH").matches(EHLO), "keywords are case-insensitive");
        assertTrue(pattern("250-8bitmime").matches(EHLO));
        assertFalse(pattern("250-STARTTLS").matches(EHLO));
        assertFalse(pattern("250-PLAIN").matches(EHLO), "a parameter is not a keyword");
        assertFalse(pattern("251-SIZE").matches(EHLO));
    }

    @Test
    void aStatusPatternNeedsTheEnhancedStatusCode_rfc3463_2() {
        assertTrue(pattern("503 5.5.1").matches(BAD_SEQUENCE));
        assertTrue(pattern("503 5.5.*").matches(BAD_SEQUENCE));
        assertTrue(pattern("5.*.*").matches(BAD_SEQUENCE));
        assertTrue(pattern("5.5.*").matches(BAD_SEQUENCE));
        assertFalse(pattern("5.1.*").matches(BAD_SEQUENCE));
        assertFalse(pattern("503 5.5.2").matches(BAD_SEQUENCE));
        assertFalse(pattern("250 2.*.*").matches(OK_NO_STATUS), "no status at all does not match");
        assertTrue(pattern("2.0.0").matches(Reply.of(221, EnhancedStatus.of(2, 0, 0), "Bye")));
    }

    @Test
    void alternativesAnyAndClosed() {
        ReplyPattern p = pattern("221 | closed the reply to QUIT");
        assertTrue(p.matches(Reply.of(221, "bye")));
        assertTrue(p.allowsClose());
        assertFalse(p.matches(OK_NO_STATUS));
        assertEquals("the reply to QUIT", p.note());
        assertTrue(pattern("*").matches(BAD_SEQUENCE));
        assertFalse(pattern("closed").matches(OK_NO_STATUS));
        assertFalse(pattern("250").allowsClose());
    }

    @Test
    void formatIsTheWrittenFormInCanonicalSpacing() {
        assertEquals("250 | 251 | 5.5.* | closed | * note text", pattern("250  |  251 | 5.5.* | closed | * note text").format());
        assertEquals("550 5.1.1 No such user here", pattern("550 5.1.1 No such user here").format());
        assertEquals("250-SIZE", pattern("250-SIZE").format());
    }

    @Test
    void invariantsAreCheckedByTheRecords() {
        assertThrows(IllegalArgumentException.class, () -> new ReplyPattern(List.of(), ""));
        assertThrows(IllegalArgumentException.class, () -> new ReplyPattern(List.of(new ReplyPattern.Any()), "2.0.0 note"));
        assertThrows(IllegalArgumentException.class, () -> new ReplyPattern.Code("250", Optional.empty(),
                Optional.of(new ReplyPattern.StatusPattern(5, 0, 0))));
        assertThrows(IllegalArgumentException.class, () -> new ReplyPattern.Code("600", Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ReplyPattern.StatusPattern(3, 0, 0));
    }
}
