package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;

/** Coverage-guided fuzzing of the header-section parser (Jazzer); seeds in HeaderSectionFuzzInputs. */
class HeaderSectionFuzz {

    @FuzzTest(maxDuration = "10s")
    @Tag("5322-2.2a")
    void parseNeverThrowsAndRawFieldsTileTheHeader(byte[] data) {
        switch (HeaderSection.parse(data)) {
            case ParseResult.Invalid<HeaderSection> invalid -> assertTrue(invalid.reply().code() == 550);
            case ParseResult.Ok<HeaderSection> ok -> {
                HeaderSection h = ok.value();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (HeaderField f : h.fields()) {
                    assertTrue(!f.name().isEmpty() && f.name().chars().allMatch(c -> c >= 33 && c <= 126 && c != ':'));
                    all.writeBytes(f.raw());
                }
                byte[] fields = all.toByteArray();
                assertTrue(h.bodyOffset() >= fields.length && h.bodyOffset() <= data.length);
                assertArrayEquals(Arrays.copyOf(data, fields.length), fields, "raw octets are the input, in order");
                for (int i = fields.length; i < h.bodyOffset(); i++) {
                    assertTrue(data[i] == '\r' || data[i] == '\n', "only the empty line lies between fields and body");
                }
            }
        }
    }
}
