package smtp.conformance;

import java.util.Objects;

/** What became of one scenario: passed, failed (with the step and the reply seen), or n/a. */
public sealed interface Outcome permits Outcome.Pass, Outcome.Fail, Outcome.NotApplicable {

    /** Every step went as the scenario expects. */
    record Pass() implements Outcome {
    }

    /**
     * A step did not go as expected.
     *
     * @param step     the 1-based index of the failing step
     * @param expected the step as written in the scenario, e.g. {@code S: 503}
     * @param observed what the server did: the reply, "connection closed", "no reply within 10 s"...
     */
    record Fail(int step, String expected, String observed) implements Outcome {
        public Fail {
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(observed, "observed");
        }
    }

    /**
     * The scenario does not apply: an extension is not advertised, a parameter (--to,
     * credentials) was not given, a bound would be exceeded, or the TLS mode excludes it.
     *
     * @param reason why, for the report
     */
    record NotApplicable(String reason) implements Outcome {
        public NotApplicable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** "pass", "FAIL" or "n/a", as printed in tables. */
    default String label() {
        return switch (this) {
            case Pass p -> "pass";
            case Fail f -> "FAIL";
            case NotApplicable n -> "n/a";
        };
    }
}
