package smtp.session.internal.sasl;

import java.text.Normalizer;
import java.util.Optional;

/**
 * SASLprep, RFC 4013: the stringprep profile (RFC 3454) applied to user names and passwords
 * before they are compared or hashed, so that the same password typed on two keyboards gives
 * the same key (RFC 5802 §2.2 requires it for SCRAM; RFC 4616 §2 for PLAIN).
 *
 * <h2>Standards</h2>
 * RFC 4013 §2.1 mapping (non-ASCII space to SPACE, "commonly mapped to nothing" removed),
 * §2.2 normalization (NFKC), §2.3 prohibited output, §2.4 bidirectional characters.
 * DEVIATION(RFC 4013 §2.5): unassigned code points are not rejected: the JDK's Unicode tables
 * are newer than Unicode 3.2 (RFC 3454 Table A.1), so "unassigned" cannot be decided exactly.
 *
 * <h2>Diagnostics</h2>
 * {@link #prepare} returns empty for a string with prohibited or badly ordered bidi characters.
 */
public final class SaslPrep {

    private SaslPrep() {
    }

    /** The prepared string, or empty if the input contains prohibited output (RFC 4013 §2.3). */
    public static Optional<String> prepare(String input) {
        StringBuilder mapped = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' '); // RFC 4013 §2.1: C.1.2 maps to SPACE
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp); // RFC 4013 §2.1: B.1 maps to nothing
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC); // RFC 4013 §2.2
        boolean randAl = false;
        boolean l = false;
        int[] cps = normalized.codePoints().toArray();
        for (int cp : cps) {
            if (isProhibited(cp)) {
                return Optional.empty();
            }
            byte dir = Character.getDirectionality(cp);
            randAl |= dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            l |= dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        // RFC 3454 §6: a string with RandALCat characters must not contain LCat characters, and
        // must start and end with a RandALCat character.
        if (randAl && (l || !isRandAl(cps[0]) || !isRandAl(cps[cps.length - 1]))) {
            return Optional.empty();
        }
        return Optional.of(normalized);
    }

    private static boolean isRandAl(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 Table C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** RFC 3454 Table B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 4013 §2.3: tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9. */
    private static boolean isProhibited(int cp) {
        if (isNonAsciiSpace(cp)) {
            return true; // C.1.2
        }
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
            return true; // C.2.1, C.2.2, C.3, C.5
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return true; // C.4 non-character code points
        }
        if (cp == 0x06DD || cp == 0x070F || cp == 0x180E || (cp >= 0x200C && cp <= 0x200D)
                || (cp >= 0x2028 && cp <= 0x2029) || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F)
                || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC) || (cp >= 0x1D173 && cp <= 0x1D17A)) {
            return true; // C.2.2 (format controls)
        }
        if (cp >= 0xFFF9 && cp <= 0xFFFD) {
            return true; // C.6 inappropriate for plain text
        }
        if (cp >= 0x2FF0 && cp <= 0x2FFB) {
            return true; // C.7 inappropriate for canonical representation
        }
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)) {
            return true; // C.8 change display properties or deprecated
        }
        return cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F); // C.9 tagging characters
    }
}
