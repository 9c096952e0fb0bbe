package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class XtextCodecTest {

    @Test
    @Tag("3461-4")
    void xcharsPassThroughOthersBecomeHexchars_rfc3461_4() {
        assertEquals("!~azAZ09<>@", XtextCodec.encode("!~azAZ09<>@"));
        assertEquals("+20+2B+3D+09+7F", XtextCodec.encode(" +=\t\u007f"));
        // non-ASCII: each UTF-8 octet is a hexchar
        assertEquals("j+C3+B6ran", XtextCodec.encode("jöran"));
        assertEquals("+F0+9F+98+80", XtextCodec.encode("😀"));
        assertEquals("", XtextCodec.encode(""));
    }

    @Test
    @Tag("3461-4")
    void decodesHexcharsOfAnyOctet_rfc3461_4() {
        assertEquals(Optional.of("jöran"), XtextCodec.decode("j+C3+B6ran"));
        // a hexchar may also stand for an octet that could have been an xchar
        assertEquals(Optional.of("A"), XtextCodec.decode("+41"));
        assertEquals(Optional.of(""), XtextCodec.decode(""));
    }

    @Test
    @Tag("3461-4")
    void rejectsMalformedXtext_rfc3461_4() {
        for (String bad : new String[] {"+", "+4", "a+4", "+4g", "+4a", "a=b", "a b", "a\tb", "\u00e9", "+C3", "+FF", "a\u007fb"}) {
            assertEquals(Optional.empty(), XtextCodec.decode(bad), bad);
        }
    }

    @Test
    @Tag("3461-4")
    void decodeOfEncodeIsIdentityForUnicodeText_rfc3461_4() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 30)
                        .assuming(s -> s.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff)))
                .checkAssert(s -> assertEquals(Optional.of(s), XtextCodec.decode(XtextCodec.encode(s))));
        qt().forAll(strings().allPossible().ofLengthBetween(0, 30)).checkAssert(XtextCodec::decode);
    }
}
