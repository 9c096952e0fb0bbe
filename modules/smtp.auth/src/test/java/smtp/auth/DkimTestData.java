package smtp.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import smtp.dns.InMemoryResolver;
import smtp.dns.Resolver;

/** Loading the shared DKIM vectors: line ends, DNS record lists, resolvers. */
final class DkimTestData {

    private DkimTestData() {
    }

    /** {@code text} with every bare LF turned into CRLF (the vectors are stored with LF). */
    static byte[] crlf(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 20);
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(text[i]);
        }
        return out.toByteArray();
    }

    static byte[] crlf(String text) {
        return crlf(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A stalwart vector: "name record" lines up to the first blank line, then the message. */
    record Stalwart(Map<String, String> records, byte[] message) {
    }

    static Stalwart stalwart(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int blank = text.indexOf("\n\n");
        Map<String, String> records = new LinkedHashMap<>();
        for (String line : text.substring(0, blank).split("\n")) {
            int sp = line.indexOf(' ');
            records.put(line.substring(0, sp), line.substring(sp + 1));
        }
        return new Stalwart(records, crlf(text.substring(blank + 2)));
    }

    /** "name value" lines (RFC 8463 vector, Mail::DKIM's FAKE_DNS.dat), NXDOMAIN and failure markers honoured. */
    static Resolver nameValueResolver(Path file) throws IOException {
        InMemoryResolver.Builder b = InMemoryResolver.builder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int sp = line.indexOf(' ');
            String name = line.substring(0, sp).strip();
            String value = line.substring(sp + 1).strip();
            if (value.equals("NXDOMAIN")) {
                continue; // absent from the zone: NXDOMAIN
            } else if (value.equals("~~Query timed out~~")) {
                b.timeout(name);
            } else if (value.equals("~~SERVFAIL~~")) {
                b.servfail(name, smtp.dns.RecordType.TXT);
            } else {
                b.txt(name, value);
            }
        }
        return b.build();
    }

    static Resolver resolver(Map<String, String> records) {
        InMemoryResolver.Builder b = InMemoryResolver.builder();
        records.forEach(b::txt);
        return b.build();
    }

    /** A one-line summary of results, e.g. "pass,policy(rsa-sha1 ...)". */
    static String summary(List<DkimResult> results) {
        return results.stream().map(r -> r.keyword() + (r.reason().isEmpty() ? "" : "(" + r.reason() + ")"))
                .collect(Collectors.joining(", "));
    }
}
