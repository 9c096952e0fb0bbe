package smtp.wire;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of parsing untrusted input: either a value or the {@link Reply} that the
 * RFC prescribes for that input. Parsers in this module never throw for bad input.
 *
 * @param <T> the type of the parsed value
 */
public sealed interface ParseResult<T> permits ParseResult.Ok, ParseResult.Invalid {

    /** A successfully parsed value. */
    record Ok<T>(T value) implements ParseResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The input was malformed; {@code reply} is what a server answers to it. */
    record Invalid<T>(Reply reply) implements ParseResult<T> {
        public Invalid {
            Objects.requireNonNull(reply, "reply");
        }
    }

    static <T> ParseResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> ParseResult<T> invalid(Reply reply) {
        return new Invalid<>(reply);
    }

    /** True for {@link Ok}. */
    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The value, or an {@link IllegalStateException} (a broken invariant) for {@link Invalid}. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Invalid<T> invalid -> throw new IllegalStateException("invalid: " + invalid.reply());
        };
    }

    /** Maps the value of an {@link Ok}; an {@link Invalid} passes through. */
    default <U> ParseResult<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Invalid<T> invalid -> new Invalid<>(invalid.reply());
        };
    }

    /** Chains a parse step that may itself fail; an {@link Invalid} passes through. */
    default <U> ParseResult<U> flatMap(Function<? super T, ParseResult<U>> f) {
        return switch (this) {
            case Ok<T> ok -> f.apply(ok.value());
            case Invalid<T> invalid -> new Invalid<>(invalid.reply());
        };
    }
}
