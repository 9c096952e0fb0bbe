package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The reply-code classes of RFC 5321 §4.2.1: the first digit decides. */
class ReplyClassTest {

    @Test
    @Tag("5321-4.2.1-class")
    void theFirstDigitIsTheClass_rfc5321_4_2_1() {
        for (int code = 200; code <= 559; code++) {
            if ((code / 10) % 10 > 5) {
                continue; // not a Reply-code (%x30-35 second digit)
            }
            Reply reply = Reply.of(code, "text");
            ReplyClass expected = switch (code / 100) {
                case 2 -> ReplyClass.POSITIVE_COMPLETION;
                case 3 -> ReplyClass.POSITIVE_INTERMEDIATE;
                case 4 -> ReplyClass.TRANSIENT_NEGATIVE_COMPLETION;
                default -> ReplyClass.PERMANENT_NEGATIVE_COMPLETION;
            };
            assertEquals(expected, ReplyClass.of(code), "code " + code);
            assertEquals(expected, reply.replyClass(), "code " + code);
            // The predicates of Reply agree with the class.
            assertEquals(expected == ReplyClass.POSITIVE_COMPLETION, reply.isPositive(), "code " + code);
            assertEquals(expected == ReplyClass.POSITIVE_INTERMEDIATE, reply.isIntermediate(), "code " + code);
            assertEquals(expected == ReplyClass.TRANSIENT_NEGATIVE_COMPLETION, reply.isTransient(), "code " + code);
            assertEquals(expected == ReplyClass.PERMANENT_NEGATIVE_COMPLETION, reply.isPermanent(), "code " + code);
        }
    }

    @Test
    @Tag("5321-4.2.1-class")
    void codesOutsideTheFourSmtpClassesHaveNoClass_rfc5321_4_2_1() {
        // 1yz (positive preliminary): "SMTP does not have any commands that allow this type of
        // reply" (§4.2.1); 0yz and 6yz-9yz are not reply codes at all.
        for (int code : List.of(0, 99, 100, 150, 199, 600, 999, -250)) {
            assertThrows(IllegalArgumentException.class, () -> ReplyClass.of(code), "code " + code);
        }
    }
}
