package smtp.queue.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
        Instant fast = plainInstant(f.value());
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(f.value());
        } catch (DateTimeParseException e) {
            throw new CorruptFileException(f.name() + " is not an ISO-8601 instant");
        }
    }

    /**
     * The form {@link Instant#toString()} writes for years 0000-9999,
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, parsed without {@code DateTimeFormatter} (every
     * message's header is read twice, and {@link Instant#parse} was a visible part of that);
     * null for anything else, which {@link Instant#parse} then reads or rejects as before.
     */
    static Instant plainInstant(String v) {
        int n = v.length();
        if (n < 20 || n > 30 || n == 21 || v.charAt(n - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-'
                || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':' || (n > 20 && v.charAt(19) != '.')) {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        int nano = 0;
        if (n > 20) {
            int fraction = digits(v, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nano = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nano *= 10;
            }
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // e.g. a leap second (:60), which Instant.parse smooths
        }
    }

    /** The decimal number in {@code v[from, to)} (at most 9 ASCII digits), or -1. */
    private static int digits(String v, int from, int to) {
        int r = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            r = r * 10 + (c - '0');
        }
        return r;
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
