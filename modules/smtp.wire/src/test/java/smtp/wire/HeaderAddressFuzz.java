package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;

/** Coverage-guided fuzzing of the address-list parser (Jazzer); seeds in HeaderAddressFuzzInputs. */
class HeaderAddressFuzz {

    @FuzzTest(maxDuration = "10s")
    @Tag("5322-3.4d")
    void parseNeverThrowsAndFormatRoundTrips(byte[] data) {
        String value = new String(data, StandardCharsets.UTF_8);
        switch (HeaderAddress.parseList(value)) {
            case ParseResult.Invalid<List<HeaderAddress>> invalid -> assertEquals(550, invalid.reply().code());
            case ParseResult.Ok<List<HeaderAddress>> ok -> {
                String formatted = HeaderAddress.formatList(ok.value());
                assertEquals(ok.value(), HeaderAddress.parseList(formatted).orElseThrow(), formatted);
            }
        }
        HeaderAuthor.of(value); // total: one of its cases, never an exception
    }
}
