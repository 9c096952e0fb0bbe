package smtp.auth.internal.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.auth.DkimParseResult;

class TagListTest {

    static Map<String, String> ok(String s) {
        return TagList.parse(s).orElseThrow();
    }

    @Test
    @Tag("6376-3.2")
    void whitespaceAroundTagsIsNotPartOfTheValue_rfc6376_3_2() {
        assertEquals(Map.of("v", "DKIM1", "x1", "extra", "t", "y:n:extra"), ok(" v=DKIM1; x1 = extra ; t = y:n:extra; "));
        assertEquals("a b\tc", ok("n= a b\tc ;").get("n"), "WSP inside the value is significant");
        assertEquals("from:to", ok("h=from:to;\r\n\tv=1").get("h"), "FWS after ';' is allowed");
        assertEquals(List.of("a", "b", "c"), List.copyOf(ok("a=1;b=2;c=3").keySet()), "order kept");
        assertEquals("", ok("p=").get("p"), "an empty value is not an omitted tag");
    }

    @Test
    @Tag("6376-3.2")
    void duplicateTagInvalidatesTheWholeList_rfc6376_3_2() {
        assertInstanceOf(DkimParseResult.Invalid.class, TagList.parse("a=1; b=2; a=3"));
    }

    @Test
    @Tag("6376-3.2")
    void malformedListsAreInvalid_rfc6376_3_2() {
        for (String bad : List.of("", ";", "a=1;;b=2", "t; p=x", "1a=x", "a-b=c", "=x", "a=1\u0001", "a=\u007f", " ; a=1")) {
            assertInstanceOf(DkimParseResult.Invalid.class, TagList.parse(bad), bad);
        }
    }

    @Test
    @Tag("6376-3.2")
    void tagNamesAreCaseSensitive_rfc6376_3_2() {
        assertEquals(Map.of("V", "1", "v", "2"), ok("V=1; v=2"));
    }

    @Test
    @Tag("6376-3.2")
    void neverThrows_rfc6376_3_2() {
        qt().withExamples(20000).forAll(strings().allPossible().ofLengthBetween(0, 60)).checkAssert(TagList::parse);
        qt().withExamples(20000).forAll(strings().betweenCodePoints(0x09, 0x7f).ofLengthBetween(0, 60)).checkAssert(TagList::parse);
    }
}
