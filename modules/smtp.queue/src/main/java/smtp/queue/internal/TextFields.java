package smtp.queue.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The line format shared by the spool's files: UTF-8 text, one {@code name: value} per line,
 * LF line ends, the first line a magic word and version. Values never contain CR or LF; the
 * writer refuses them, so a value cannot forge another field.
 */
final class TextFields {

    /** One {@code name: value} line. */
    record Field(String name, String value) {
    }

    private final StringBuilder text = new StringBuilder(512);

    TextFields(String magic) {
        text.append(magic).append('\n');
    }

    /** Appends {@code name: value}. */
    TextFields add(String name, Object value) {
        String v = String.valueOf(value);
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("spool field " + name + " must not contain CR or LF");
        }
        text.append(name).append(": ").append(v).append('\n');
        return this;
    }

    /** The text so far. */
    String text() {
        return text.toString();
    }

    /** The text so far as UTF-8. */
    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Splits {@code text} (without the blank line that may end it) into fields, after
     * checking that the first line is {@code magic}.
     */
    static List<Field> parse(String text, String magic) throws CorruptFileException {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(magic)) {
            throw new CorruptFileException("not a " + magic + " file");
        }
        List<Field> fields = new ArrayList<>(lines.length);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new CorruptFileException("line " + (i + 1) + " is not 'name: value'");
            }
            fields.add(new Field(line.substring(0, colon), line.substring(colon + 2)));
        }
        return fields;
    }

    static long number(Field f) throws CorruptFileException {
        try {
            long n = Long.parseLong(f.value().strip());
            if (n < 0) {
                throw new CorruptFileException(f.name() + " is negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CorruptFileException(f.name() + " is not a number");
        }
    }

    static Instant instant(Field f) throws CorruptFileException {
        try {
            return Instant.parse(f.value());
        } catch (DateTimeParseException e) {
            throw new CorruptFileException(f.name() + " is not an ISO-8601 instant");
        }
    }

    static boolean yesNo(Field f) throws CorruptFileException {
        return switch (f.value()) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new CorruptFileException(f.name() + " must be yes or no");
        };
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
