package smtp.queue;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identifier of one message in the queue, given when the spool accepts it and quoted in
 * the {@code 250 OK: queued as <id>} reply, the Received: field, DSNs and every log line.
 *
 * <p>Upper-case letters and digits only (Crockford base 32 of the arrival time followed by a
 * random part), so that it is safe as a file name, sorts by arrival and can be typed.
 *
 * @param value 8 to 40 characters from {@code [0-9A-Z]}
 */
public record QueueId(String value) implements Comparable<QueueId> {

    private static final Pattern SYNTAX = Pattern.compile("[0-9A-Z]{8,40}");

    public QueueId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("queue id must be 8-40 of [0-9A-Z]: " + value);
        }
    }

    /** The id written as {@code text}, or empty if it is not a queue id (case-insensitive input). */
    public static Optional<QueueId> parse(String text) {
        String upper = text.strip().toUpperCase(java.util.Locale.ROOT);
        return SYNTAX.matcher(upper).matches() ? Optional.of(new QueueId(upper)) : Optional.empty();
    }

    @Override
    public int compareTo(QueueId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
