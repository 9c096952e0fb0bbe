package smtp.auth.internal.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DkimQuotedPrintableTest {

    @Test
    @Tag("6376-2.11")
    void decodesHexOctetsAndIgnoresFws_rfc6376_2_11() {
        assertEquals(Optional.of("jlong@messiah.edu"), DkimQuotedPrintable.decode("jlong=40messiah.edu"));
        assertEquals(Optional.of("Subject:demo run"), DkimQuotedPrintable.decode("Subject:demo=20\r\n run"));
        assertEquals(Optional.of("a;b|c"), DkimQuotedPrintable.decode("a=3Bb=7Cc"));
    }

    @Test
    @Tag("6376-2.11")
    void rejectsLowerCaseHexTruncatedOctetsAndSemicolons_rfc6376_2_11() {
        assertEquals(Optional.empty(), DkimQuotedPrintable.decode("a=3b"));
        assertEquals(Optional.empty(), DkimQuotedPrintable.decode("a=4"));
        assertEquals(Optional.empty(), DkimQuotedPrintable.decode("a;b"));
    }

    @Test
    @Tag("6376-2.11")
    void decodeOfEncodeIsIdentity_rfc6376_2_11() {
        qt().withExamples(10000).forAll(strings().allPossible().ofLengthBetween(0, 40))
                .check(s -> !s.codePoints().allMatch(Character::isValidCodePoint) || s.chars().anyMatch(c -> Character.isSurrogate((char) c))
                        || DkimQuotedPrintable.decode(DkimQuotedPrintable.encode(s, true)).equals(Optional.of(s)));
        qt().withExamples(10000).forAll(strings().allPossible().ofLengthBetween(0, 40))
                .check(s -> DkimQuotedPrintable.encode(s, true).chars().noneMatch(c -> c == ';' || c == '|' || c <= ' ' || c >= 0x7f));
    }
}
