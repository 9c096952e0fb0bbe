package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class HeaderSectionTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static HeaderSection ok(String message) {
        return HeaderSection.parse(bytes(message)).orElseThrow();
    }

    static Reply invalid(String message) {
        return assertInstanceOf(ParseResult.Invalid.class, HeaderSection.parse(bytes(message))).reply();
    }

    @Test
    @Tag("5322-2.2a")
    void splitsFieldsIntoNameValueAndRawOctets_rfc5322_2_2() {
        HeaderSection h = ok("From: a@example.com\r\nSubject: Hello\r\n\r\nbody\r\n");
        assertEquals(2, h.fields().size());
        HeaderField from = h.fields().get(0);
        assertEquals("From", from.name());
        assertEquals(" a@example.com", from.value());
        assertArrayEquals(bytes("From: a@example.com\r\n"), from.raw());
        assertEquals(" Hello", h.first("subject").orElseThrow().value());
    }

    @Test
    @Tag("5322-2.1")
    void bodyOffsetIsJustAfterTheEmptyLine_rfc5322_2_1() {
        String m = "A: 1\r\n\r\nbody";
        assertEquals(8, ok(m).bodyOffset());
        assertEquals(2, ok("\r\nonly body").bodyOffset());
        assertTrue(ok("\r\nonly body").fields().isEmpty());
    }

    @Test
    @Tag("5322-2.1")
    void withoutAnEmptyLineTheWholeInputIsHeader_rfc5322_2_1() {
        HeaderSection h = ok("A: 1\r\nB: 2\r\n");
        assertEquals(2, h.fields().size());
        assertEquals(12, h.bodyOffset());
        HeaderSection open = ok("A: 1\r\nB: 2");
        assertArrayEquals(bytes("B: 2"), open.fields().get(1).raw(), "a last field without a line ending");
        assertEquals(10, open.bodyOffset());
    }

    @Test
    @Tag("5322-2.1")
    void bodyOffsetIsAnIndexIntoTheArray_rfc5322_2_1() {
        byte[] m = bytes("xxA: 1\r\n\r\nbody");
        HeaderSection h = HeaderSection.parse(m, 2, m.length - 2).orElseThrow();
        assertEquals(10, h.bodyOffset());
        assertEquals(" 1", h.fields().get(0).value());
    }

    @Test
    @Tag("5322-2.2.3")
    void unfoldsByRemovingCrlfBeforeWspAndKeepsFoldingInRaw_rfc5322_2_2_3() {
        String field = "Subject: a long\r\n  folded\r\n\tvalue\r\n";
        HeaderSection h = ok(field + "X: y\r\n\r\n");
        HeaderField subject = h.fields().get(0);
        assertEquals(" a long  folded\tvalue", subject.value());
        assertArrayEquals(bytes(field), subject.raw());
        assertEquals("X", h.fields().get(1).name());
    }

    @Test
    @Tag("5322-4.5")
    void toleratesWhiteSpaceBeforeTheColon_rfc5322_4_5_8() {
        HeaderField f = ok("Subject \t: old\r\n\r\n").fields().get(0);
        assertEquals("Subject", f.name());
        assertEquals(" old", f.value());
        assertArrayEquals(bytes("Subject \t: old\r\n"), f.raw());
    }

    @Test
    @Tag("5322-2.2b")
    void acceptsLfOnlyLineEndingsAndKeepsThemInRaw_rfc5322_2_2() {
        HeaderSection h = ok("A: 1\nB: 2\n  more\n\nbody");
        assertEquals(List.of(" 1", " 2  more"), h.fields().stream().map(HeaderField::value).toList());
        assertArrayEquals(bytes("B: 2\n  more\n"), h.fields().get(1).raw());
        assertEquals(18, h.bodyOffset());
    }

    @Test
    @Tag("5322-2.2a")
    void rejectsALineThatIsNotAField_rfc5322_2_2() {
        Reply r = invalid("From: a@b\r\nnot a field\r\n\r\n");
        assertEquals(550, r.code());
        assertEquals("5.6.0", r.status().orElseThrow().toString());
        assertTrue(r.text().contains("line 2"), r.text());
        invalid(": empty name\r\n\r\n");
        invalid("From a@b Mon Jan 1\r\nX: y\r\n\r\n"); // an mbox separator is not a field
        invalid("Sübject: x\r\n\r\n"); // field-name is US-ASCII ftext only
    }

    @Test
    @Tag("5322-2.2.3")
    void rejectsAContinuationWithoutAField_rfc5322_2_2_3() {
        invalid(" leading: space\r\n\r\n");
    }

    @Test
    @Tag("6532-3.2")
    void decodesUtf8ValuesAndKeepsRawOctets_rfc6532_3_2() {
        String field = "Subject: Grüße, 日本\r\n";
        HeaderField f = ok(field + "\r\n").fields().get(0);
        assertEquals(" Grüße, 日本", f.value());
        assertArrayEquals(bytes(field), f.raw());
        byte[] latin1 = "Subject: Gr\u00fc\u00dfe\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        HeaderField broken = HeaderSection.parse(latin1).orElseThrow().fields().get(0);
        assertTrue(broken.value().contains("\uFFFD"), "malformed UTF-8 becomes U+FFFD in the value");
        assertEquals(latin1.length - 2, broken.raw().length);
    }

    @Test
    @Tag("5322-2.2a")
    void rawFieldsConcatenateBackToTheHeaderSection_rfc5322_2_2() {
        String header = "Received: from x\r\n\tby y; Mon, 1 Jan 2024 00:00:00 +0000\r\nFrom: \"A\" <a@b>\r\nTo: c@d\r\nSubject:\r\n\r\n";
        HeaderSection h = ok(header + "body");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        h.fields().forEach(f -> all.writeBytes(f.raw()));
        assertEquals(header, all.toString(StandardCharsets.UTF_8) + "\r\n");
        assertEquals("", h.first("Subject").orElseThrow().value());
        assertFalse(h.first("Cc").isPresent());
        assertEquals(1, h.all("to").size());
    }

    @Test
    @Tag("5322-4.5")
    void appendixA63ObsoleteWhiteSpaceInFields_rfc5322_A_6_3() {
        String m = "From  : John Doe <jdoe@machine(comment).  example>\r\nTo    : Mary Smith\r\n  \r\n          <mary@example.net>\r\n"
                + "Subject     : Saying Hello\r\n\r\nThis is a message just to say hello.\r\n";
        HeaderSection h = ok(m);
        assertEquals(List.of("From", "To", "Subject"), h.fields().stream().map(HeaderField::name).toList());
        assertEquals(" Mary Smith            <mary@example.net>", h.first("To").orElseThrow().value(),
                "a line of white space only continues the field (obs-FWS)");
        assertEquals("John Doe", ((HeaderMailbox) HeaderAddress.parseList(h.first("from").orElseThrow().value())
                .orElseThrow().get(0)).displayName().orElseThrow());
    }

    @Test
    @Tag("5322-2.2b")
    void aLoneCrIsContentExceptAtTheEndOfInput_rfc5322_2_2() {
        HeaderField f = ok("A: x\ry\r\n\r\n").fields().get(0);
        assertEquals(" x\ry", f.value());
        HeaderSection h = ok("A: 1\r\n\r");
        assertEquals(1, h.fields().size());
        assertEquals(7, h.bodyOffset());
        assertEquals(" 2", ok("A: 1\r\nB: 2\r").fields().get(1).value());
    }

    @Test
    @Tag("5322-2.2a")
    void acceptsEmptyValuesAndEveryFtextCharacterInNames_rfc5322_3_6_8() {
        String name = "!\"#$%&'()*+,-./0123456789;<=>?@ABCZ[\\]^_`az{|}~";
        HeaderSection h = ok(name + ":\r\nX-Empty:\r\n \r\n\r\n");
        assertEquals(name, h.fields().get(0).name());
        assertEquals("", h.fields().get(0).value());
        assertEquals(" ", h.fields().get(1).value());
    }

    @Test
    @Tag("5322-2.2.3")
    void keepsEveryOctetOfALongFoldedField_rfc5322_2_2_3() {
        StringBuilder raw = new StringBuilder("DKIM-Signature: v=1;");
        for (int i = 0; i < 200; i++) {
            raw.append("\r\n\t b=").append("x".repeat(70));
        }
        raw.append("\r\n");
        HeaderField f = ok(raw + "\r\n").fields().get(0);
        assertArrayEquals(bytes(raw.toString()), f.raw());
        assertEquals(raw.toString().replace("\r\n", "").substring("DKIM-Signature:".length()), f.value());
    }
}
