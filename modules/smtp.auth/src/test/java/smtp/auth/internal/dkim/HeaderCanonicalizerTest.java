package smtp.auth.internal.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.auth.DkimCanonicalization;

class HeaderCanonicalizerTest {

    static String canon(DkimCanonicalization c, String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HeaderCanonicalizer.canonicalize(c, raw.getBytes(StandardCharsets.ISO_8859_1), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    @Tag("6376-3.4.5")
    void rfcExample1RelaxedHeaders_rfc6376_3_4_5() {
        assertEquals("a:X\r\n", canon(DkimCanonicalization.RELAXED, "A: X\r\n"));
        assertEquals("b:Y Z\r\n", canon(DkimCanonicalization.RELAXED, "B : Y\t\r\n\tZ  \r\n"));
    }

    @Test
    @Tag("6376-3.4.1")
    void simpleLeavesTheFieldExactly_rfc6376_3_4_1() {
        assertEquals("B : Y\t\r\n\tZ  \r\n", canon(DkimCanonicalization.SIMPLE, "B : Y\t\r\n\tZ  \r\n"));
    }

    @Test
    @Tag("6376-3.4.2")
    void relaxedLowerCasesOnlyTheName_rfc6376_3_4_2() {
        assertEquals("subject:AbC\r\n", canon(DkimCanonicalization.RELAXED, "SUBJect: AbC\r\n"));
        assertEquals("x:\r\n", canon(DkimCanonicalization.RELAXED, "X:   \r\n"));
        assertEquals("x:caf\u00e9 au lait\r\n", canon(DkimCanonicalization.RELAXED, "X: caf\u00e9\t au   lait\r\n"));
    }

    @Test
    @Tag("6376-3.4.2")
    void relaxedIsIdempotent_rfc6376_3_4_2() {
        char[] alphabet = {'a', 'B', ' ', '\t', ':', 'z'};
        qt().withExamples(5000).forAll(lists().of(integers().between(0, alphabet.length - 1)).ofSizeBetween(0, 30)).check(l -> {
            StringBuilder sb = new StringBuilder("Name");
            sb.append(':');
            for (int i : l) {
                sb.append(alphabet[i]);
                if (i == 3) {
                    sb.append("\r\n "); // a fold (CRLF WSP)
                }
            }
            String once = canon(DkimCanonicalization.RELAXED, sb + "\r\n");
            return once.equals(canon(DkimCanonicalization.RELAXED, once));
        });
    }

    @Test
    @Tag("6376-3.7")
    void signatureValueIsRemovedFromItsOwnField_rfc6376_3_7() {
        String raw = "DKIM-Signature: v=1; bh=abc=; b=XYZ\r\n\t123==;\r\n x=5\r\n";
        assertEquals("DKIM-Signature: v=1; bh=abc=; b=;\r\n x=5",
                new String(HeaderCanonicalizer.signatureFieldForHash(DkimCanonicalization.SIMPLE,
                        raw.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
        assertEquals("dkim-signature:v=1; bh=abc=; b =", // WSP before "=" is not part of the value
                new String(HeaderCanonicalizer.signatureFieldForHash(DkimCanonicalization.RELAXED,
                        "DKIM-Signature: v=1; bh=abc=; b = XYZ\r\n 123\r\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
    }
}
