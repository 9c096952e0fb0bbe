package smtp.wire.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** Reads the tab-separated vector tables under {@code src/test/resources/rfc5321/}. */
final class VectorFile {

    private VectorFile() {
    }

    /** Rows of {@code resource}: (line number, decoded input octets, expectation). */
    static List<Arguments> rows(String resource) {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = VectorFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.startsWith("#") || l.isBlank()) {
                    continue;
                }
                int tab = l.lastIndexOf('\t');
                out.add(Arguments.of(i + 1, unescape(l.substring(0, tab)), l.substring(tab + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** UTF-8 of the text with \t \r \n \0 \\ and \xNN decoded. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] != '\\' || i + 1 >= b.length) {
                out.write(b[i]);
                continue;
            }
            char c = (char) b[++i];
            switch (c) {
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case '0' -> out.write(0);
                case 'x' -> {
                    out.write(Integer.parseInt(new String(b, i + 1, 2, StandardCharsets.US_ASCII), 16));
                    i += 2;
                }
                case '\\' -> out.write('\\');
                default -> {
                    // not an escape: keep the backslash (e.g. quoted-pairSMTP "Joe\,Smith")
                    out.write('\\');
                    out.write(c);
                }
            }
        }
        return out.toByteArray();
    }
}
