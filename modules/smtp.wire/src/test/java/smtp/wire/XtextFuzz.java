package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of xtext (RFC 3461 §4) and of enhanced status codes (RFC 3463 §2).
 * In a normal test run (regression mode) each target replays its seed corpus under
 * {@code src/test/resources/smtp/wire/XtextFuzzInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * it fuzzes for {@code maxDuration}. The oracles are round trips, not just "does not throw".
 */
class XtextFuzz {

    /** RFC 3463 §2, as a regular expression: the independent oracle for the parser. */
    static final Pattern STATUS = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");

    /**
     * The input read as ISO-8859-1 is xtext to decode; read as UTF-8 it is text to encode.
     * decode(encode(x)) = x for every well-formed string x; whatever decodes re-encodes into
     * xtext that decodes to the same text; a decoded value always re-encodes into plain xchars.
     */
    @FuzzTest(maxDuration = "10s")
    @Tag("3461-4")
    void decodeInvertsEncode(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8); // well-formed: bad octets become U+FFFD
        String encoded = Xtext.encode(text);
        assertEquals(Optional.of(text), Xtext.decode(encoded), encoded);
        assertEquals(encoded.length(), encoded.chars().filter(c -> c >= 33 && c <= 126 && c != '=').count(),
                "xtext is printable ASCII without '='");

        String xtext = new String(input, StandardCharsets.ISO_8859_1);
        Optional<String> decoded = Xtext.decode(xtext);
        decoded.ifPresent(d -> assertEquals(decoded, Xtext.decode(Xtext.encode(d)), xtext));
    }

    /**
     * Whatever {@link EnhancedStatus#parse} accepts is exactly what RFC 3463 §2 allows (the
     * regular expression), and formats into a code that parses back to the same value.
     */
    @FuzzTest(maxDuration = "10s")
    @Tag("3463-2")
    void enhancedStatusParseRoundTrips(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Optional<EnhancedStatus> parsed = EnhancedStatus.parse(text);
        assertEquals(STATUS.matcher(text).matches(), parsed.isPresent(), text);
        parsed.ifPresent(s -> {
            assertEquals(parsed, EnhancedStatus.parse(s.toString()), text);
            assertEquals(text.charAt(0) - '0', s.statusClass());
        });
    }
}
