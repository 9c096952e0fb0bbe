package smtp.auth.internal.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.wire.HeaderField;

class HeaderSelectionTest {

    static final List<HeaderField> FIELDS = List.of(
            HeaderField.of("Received", "A"), HeaderField.of("From", "x"), HeaderField.of("Received", "B"),
            HeaderField.of("received", "C"), HeaderField.of("Subject", "s"));

    static List<String> values(List<HeaderField> fields) {
        return fields.stream().map(f -> f.value().strip()).toList();
    }

    @Test
    @Tag("6376-5.4.2")
    void multipleInstancesAreSignedFromTheBottomUp_rfc6376_5_4_2() {
        // The RFC's example: h=Received:Received signs <C> then <B>.
        assertEquals(List.of("C", "B"), values(HeaderSelection.select(FIELDS, List.of("Received", "Received"))));
    }

    @Test
    @Tag("6376-3.5h")
    void absentInstancesContributeNothing_rfc6376_3_5() {
        assertEquals(List.of("x", "s"), values(HeaderSelection.select(FIELDS, List.of("from", "from", "SUBJECT", "subject", "cc"))));
        assertEquals(List.of("C", "B", "A"), values(HeaderSelection.select(FIELDS, List.of("received", "received", "received", "received"))));
    }
}
