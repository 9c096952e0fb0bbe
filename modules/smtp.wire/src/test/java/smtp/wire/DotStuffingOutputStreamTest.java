package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DotStuffingOutputStreamTest {

    static String stuff(String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DotStuffingOutputStream s = new DotStuffingOutputStream(out)) {
            s.write(body.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** The same, one octet per write call. */
    static String stuffBytewise(String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream s = new DotStuffingOutputStream(out);
        for (byte b : body.getBytes(StandardCharsets.ISO_8859_1)) {
            s.write(b);
        }
        s.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    @Tag("5321-4.5.2b")
    void doublesTheLeadingDotOfEveryLine_rfc5321_4_5_2() throws IOException {
        assertEquals("..\r\n...x\r\na.b\r\n.\r\n", stuff(".\r\n..x\r\na.b\r\n"));
        assertEquals("..first\r\n.\r\n", stuff(".first\r\n"));
        assertEquals("..\r\n...x\r\na.b\r\n.\r\n", stuffBytewise(".\r\n..x\r\na.b\r\n"));
    }

    @Test
    @Tag("5321-4.5.2b")
    void finishAddsCrlfWhenTheLastLineIsOpen_rfc5321_4_1_1_4() throws IOException {
        assertEquals("abc\r\n.\r\n", stuff("abc"));
        assertEquals("abc\r\n.\r\n", stuff("abc\r\n"));
        assertEquals(".\r\n", stuff(""));
    }

    @Test
    @Tag("5321-2.3.8b")
    void normalisesBareCrAndBareLfToCrlf_rfc5321_2_3_8() throws IOException {
        assertEquals("a\r\nb\r\nc\r\n\r\nd\r\n.\r\n", stuff("a\rb\nc\r\r\nd"));
        assertEquals("a\r\nb\r\nc\r\n\r\nd\r\n.\r\n", stuffBytewise("a\rb\nc\r\r\nd"));
        assertEquals("x\r\n...\r\n.\r\n", stuff("x\n..\n"), "a dot after a normalised line end is stuffed");
        assertEquals("x\r\n..\r\n.\r\n", stuff("x\r.\r"));
    }

    @Test
    @Tag("5321-2.3.8b")
    void smugglingSequencesCannotSurviveTheEncoder_rfc5321_2_3_8() throws IOException {
        assertEquals("a\r\n..\r\nb\r\n.\r\n", stuff("a\n.\nb"));
        assertEquals("a\r\n..\r\nb\r\n.\r\n", stuff("a\r\n.\rb"));
    }

    @Test
    void finishIsIdempotentAndWritingAfterItIsAnError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream s = new DotStuffingOutputStream(out);
        s.write('a');
        s.finish();
        s.close();
        assertEquals("a\r\n.\r\n", out.toString(StandardCharsets.US_ASCII));
        assertThrows(IllegalStateException.class, () -> s.write('b'));
    }
}
