package smtp.auth.internal.spf;

import java.util.Objects;

/**
 * The outcome of parsing untrusted SPF text (a record, a macro-string, an explanation): the
 * value, or why it is malformed. Syntax errors become "permerror" (RFC 7208 §4.6) or, for an
 * explanation, an ignored {@code exp=} (§6.2); they are never exceptions.
 *
 * @param <T> the parsed type
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Malformed {

    /** Well-formed. */
    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Malformed, with a short reason naming the offending text. */
    record Malformed<T>(String reason) implements Parsed<T> {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
