package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Laws of the header-section parser (QuickTheories). */
class HeaderSectionProperties {

    record Field(String name, List<String> lines) {
        String text() {
            return name + ":" + String.join("\r\n", lines) + "\r\n";
        }

        String unfolded() {
            return String.join("", lines);
        }
    }

    static Gen<Field> fields() {
        Gen<String> names = HeaderAddressProperties.from("abcXYZ-_019!~", 1, 12);
        Gen<String> first = HeaderAddressProperties.from("abc ;:<>@\"é日\t", 0, 20);
        Gen<String> continuation = HeaderAddressProperties.from("xyz :é", 0, 15).map(s -> (s.length() % 2 == 0 ? " " : "\t") + s);
        return names.zip(first, lists().of(continuation).ofSizeBetween(0, 3),
                (n, f, more) -> new Field(n, java.util.stream.Stream.concat(java.util.stream.Stream.of(f), more.stream()).toList()));
    }

    @Test
    @Tag("5322-2.2.3")
    void parsesGeneratedFieldsBackWithUnfoldedValuesAndExactRaw_rfc5322_2_2_3() {
        qt().forAll(lists().of(fields()).ofSizeBetween(0, 6), HeaderAddressProperties.from("body\r\n.", 0, 20))
                .checkAssert((fields, body) -> {
                    ByteArrayOutputStream m = new ByteArrayOutputStream();
                    fields.forEach(f -> m.writeBytes(f.text().getBytes(StandardCharsets.UTF_8)));
                    int headerLength = m.size() + 2;
                    m.writeBytes(("\r\n" + body).getBytes(StandardCharsets.UTF_8));
                    HeaderSection h = HeaderSection.parse(m.toByteArray()).orElseThrow();
                    assertEquals(fields.size(), h.fields().size());
                    for (int i = 0; i < fields.size(); i++) {
                        assertEquals(fields.get(i).name(), h.fields().get(i).name());
                        assertEquals(fields.get(i).unfolded(), h.fields().get(i).value());
                        assertArrayEquals(fields.get(i).text().getBytes(StandardCharsets.UTF_8), h.fields().get(i).raw());
                    }
                    assertEquals(headerLength, h.bodyOffset());
                });
    }
}
