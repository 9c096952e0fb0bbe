package smtp.queue.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict little reader of the DSNs this module writes, for tests: the top-level header, the
 * parts of the multipart/report, and the fields of the delivery-status part. Fails (throws
 * AssertionError) on anything not shaped as RFC 3464 / RFC 6522 say.
 */
final class ParsedDsn {

    /** A header section (names lower-cased, values unfolded) and a body. */
    record Part(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    final Part top;
    final List<Part> parts;
    final Map<String, String> perMessage;
    final List<Map<String, String>> perRecipient;

    ParsedDsn(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        top = part(text);
        String ct = top.header("Content-Type");
        check(ct != null && ct.startsWith("multipart/report;"), "Content-Type multipart/report: " + ct);
        check(ct.contains("report-type=delivery-status"), "report-type=delivery-status");
        Matcher m = Pattern.compile("boundary=\"([^\"]+)\"").matcher(ct);
        check(m.find(), "boundary parameter");
        String boundary = m.group(1);
        String[] pieces = top.body().split("\r\n--" + Pattern.quote(boundary), -1);
        check(pieces[pieces.length - 1].startsWith("--"), "closing boundary");
        parts = new ArrayList<>();
        for (int i = 1; i < pieces.length - 1; i++) {
            check(pieces[i].startsWith("\r\n"), "CRLF after boundary");
            parts.add(part(pieces[i].substring(2)));
        }
        check(parts.size() == 3, "three parts, got " + parts.size());
        check(parts.get(0).header("Content-Type").startsWith("text/plain"), "first part is text/plain");
        check(parts.get(1).header("Content-Type").matches("message/(global-)?delivery-status"), "second part is delivery-status");
        String[] blocks = parts.get(1).body().split("\r\n\r\n");
        perMessage = fields(blocks[0]);
        perRecipient = new ArrayList<>();
        for (int i = 1; i < blocks.length; i++) {
            if (!blocks[i].isBlank()) {
                perRecipient.add(fields(blocks[i]));
            }
        }
    }

    Part returned() {
        return parts.get(2);
    }

    private static Part part(String text) {
        int end = text.indexOf("\r\n\r\n");
        check(end >= 0, "empty line after header");
        Map<String, String> headers = fields(text.substring(0, end));
        return new Part(headers, text.substring(end + 4));
    }

    private static Map<String, String> fields(String block) {
        Map<String, String> map = new LinkedHashMap<>();
        String unfolded = block.replace("\r\n ", " ").replace("\r\n\t", " ");
        for (String line : unfolded.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            check(colon > 0, "field: " + line);
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            check(!map.containsKey(name), "field repeated in one block: " + name);
            map.put(name, line.substring(colon + 1).strip());
        }
        return map;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("DSN malformed: " + what);
        }
    }
}
