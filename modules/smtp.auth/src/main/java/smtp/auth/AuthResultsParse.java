package smtp.auth;

import java.util.Objects;

/** The outcome of parsing an Authentication-Results field value: the value, or why it is malformed. */
public sealed interface AuthResultsParse permits AuthResultsParse.Ok, AuthResultsParse.Malformed {

    /** A well-formed field. */
    record Ok(AuthenticationResults value) implements AuthResultsParse {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A malformed field (RFC 8601 §2.2 syntax not followed), with the reason. */
    record Malformed(String reason) implements AuthResultsParse {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
