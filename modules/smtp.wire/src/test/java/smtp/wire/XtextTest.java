package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class XtextTest {

    @Test
    @Tag("3461-4")
    void encodesPlusEqualsAndControlsAsHexchar_rfc3461_4() {
        assertEquals("a+2Bb+3Dc+20d", Xtext.encode("a+b=c d"));
        assertEquals(Optional.of("a+b=c d"), Xtext.decode("a+2Bb+3Dc+20d"));
    }

    @Test
    @Tag("3461-4")
    void rejectsLowerCaseHexAndTruncatedHexchar_rfc3461_4() {
        assertTrue(Xtext.decode("a+2b").isEmpty());
        assertTrue(Xtext.decode("a+2").isEmpty());
        assertTrue(Xtext.decode("a=b").isEmpty());
    }

    @Test
    @Tag("3461-4")
    void decodeOfEncodeIsIdentity_rfc3461_4() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40))
                .check(s -> Xtext.decode(Xtext.encode(s)).equals(Optional.of(s))
                        || !s.equals(new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                java.nio.charset.StandardCharsets.UTF_8)));
    }
}
