package smtp.auth;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of parsing a DKIM text that came from the network (a DKIM-Signature field, a
 * key record): the value, or why it is unusable. DKIM parsers never throw for bad input
 * (RFC 6376 §8.8, §8.9: records and signatures may be malformed on purpose).
 *
 * @param <T> the parsed type
 */
public sealed interface DkimParseResult<T> permits DkimParseResult.Ok, DkimParseResult.Invalid {

    /** The input was well-formed. */
    record Ok<T>(T value) implements DkimParseResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The input was malformed or unsupported.
     *
     * @param reason an explanation for logs and Authentication-Results comments
     */
    record Invalid<T>(String reason) implements DkimParseResult<T> {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** True for {@link Ok}. */
    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The value, or {@link IllegalStateException} (a broken invariant) for {@link Invalid}. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Invalid<T> invalid -> throw new IllegalStateException("invalid: " + invalid.reason());
        };
    }

    /** Maps the value of an {@link Ok}; an {@link Invalid} passes through. */
    default <U> DkimParseResult<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Invalid<T> invalid -> new Invalid<>(invalid.reason());
        };
    }
}
