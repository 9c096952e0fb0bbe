package smtp.conformance.internal;

import java.util.Objects;

/**
 * The result of checking one piece of a scenario file: a value, or the message of a parse
 * error (the caller adds the line number). Parsers in this package never throw for bad input.
 *
 * @param <T> the type of the value
 */
public sealed interface Checked<T> permits Checked.Ok, Checked.Error {

    /** @param value the parsed value */
    record Ok<T>(T value) implements Checked<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param message what is wrong, in words a scenario author understands */
    record Error<T>(String message) implements Checked<T> {
        public Error {
            Objects.requireNonNull(message, "message");
        }
    }

    static <T> Checked<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Checked<T> error(String message) {
        return new Error<>(message);
    }
}
