package smtp.queue.internal;

import java.util.Objects;

/**
 * The result of reading a spool file: the value, or why the file is corrupt. Spool readers
 * never throw for bad file contents, so that one damaged file cannot stop recovery.
 *
 * @param <T> the decoded type
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Corrupt {

    /** The file was read. */
    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The file is damaged or not in a known format. */
    record Corrupt<T>(String reason) implements Decoded<T> {
        public Corrupt {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> corrupt(String reason) {
        return new Corrupt<>(reason);
    }
}
