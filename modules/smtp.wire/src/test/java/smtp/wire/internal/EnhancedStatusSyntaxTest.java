package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.EnhancedStatus;
import smtp.wire.Reply;

class EnhancedStatusSyntaxTest {

    @Test
    @Tag("3463-2")
    void statusCodeIsClassSubjectDetail_rfc3463_2() {
        assertEquals(Optional.of(EnhancedStatus.of(2, 0, 0)), EnhancedStatus.parse("2.0.0"));
        assertEquals(Optional.of(EnhancedStatus.of(5, 7, 26)), EnhancedStatus.parse("5.7.26"));
        assertEquals(Optional.of(EnhancedStatus.of(4, 999, 999)), EnhancedStatus.parse("4.999.999"));
        // 1*3digit: leading zeros are digits too
        assertEquals(Optional.of(EnhancedStatus.of(5, 1, 1)), EnhancedStatus.parse("5.001.01"));
    }

    @Test
    @Tag("3463-2")
    void rejectsWhatIsNotAStatusCode_rfc3463_2() {
        for (String bad : List.of("", "2", "2.0", "2.0.", "2..0", ".2.0.0", "3.0.0", "1.0.0", "6.0.0", "2.0.0.0", "2.1000.0",
                "2.0.1000", "2.a.0", "2.0.0 ", " 2.0.0", "2.-1.0", "2.0.+1", "2:0:0", "２.0.0", "2.0.0x")) {
            assertEquals(Optional.empty(), EnhancedStatus.parse(bad), bad);
        }
        assertEquals(Optional.empty(), EnhancedStatusSyntax.parse(null));
    }

    @Test
    @Tag("3463-2")
    void formatThenParseIsIdentity_rfc3463_2() {
        qt().forAll(integers().between(0, 2), integers().between(0, 999), integers().between(0, 999))
                .checkAssert((c, s, d) -> {
                    EnhancedStatus st = EnhancedStatus.of(new int[] {2, 4, 5}[c], s, d);
                    assertEquals(Optional.of(st), EnhancedStatus.parse(st.toString()));
                });
        qt().forAll(strings().allPossible().ofLengthBetween(0, 12)).checkAssert(s -> EnhancedStatus.parse(s));
    }

    @Test
    @Tag("3463-2")
    void recordRefusesOutOfRangeValues_rfc3463_2() {
        assertThrows(IllegalArgumentException.class, () -> EnhancedStatus.of(3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> EnhancedStatus.of(2, 1000, 0));
        assertThrows(IllegalArgumentException.class, () -> EnhancedStatus.of(2, 0, -1));
        assertEquals(EnhancedStatus.of(4, 1, 1), EnhancedStatus.of(5, 1, 1).withClass(4));
    }

    @Test
    @Tag("3463-2")
    void statusClassMustMatchReplyClass_rfc3463_2() {
        assertThrows(IllegalArgumentException.class, () -> Reply.of(250, "5.0.0", "x"));
        assertTrue(Reply.of(550, "5.0.0", "x").isPermanent());
    }

    @Test
    @Tag("3463-3.2")
    void addressSyntaxStatusDistinguishesSenderAndRecipient_rfc3463_3_2() {
        assertEquals("5.1.7", smtp.wire.Replies.BAD_SENDER_PATH.status().orElseThrow().toString());
        assertEquals("5.1.3", smtp.wire.Replies.BAD_PATH.status().orElseThrow().toString());
        Assertions2.rejected("MAIL FROM:<a b@c>", 501, "5.1.7");
        Assertions2.rejected("RCPT TO:<a b@c>", 501, "5.1.3");
    }
}
