package smtp.conformance;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Scenario#parse(String, String)}: the scenarios of a file, or the first
 * error with its line number. No file content makes the parser throw.
 */
public sealed interface ScenarioParse permits ScenarioParse.Parsed, ScenarioParse.Malformed {

    /** @param scenarios the scenarios in file order (possibly none) */
    record Parsed(List<Scenario> scenarios) implements ScenarioParse {
        public Parsed {
            scenarios = List.copyOf(scenarios);
        }
    }

    /**
     * @param source  the file name given to the parser
     * @param line    the 1-based line of the error
     * @param message what is wrong
     */
    record Malformed(String source, int line, String message) implements ScenarioParse {
        public Malformed {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return source + ":" + line + ": " + message;
        }
    }

    /** The scenarios, or an {@link IllegalStateException} carrying the error (for built-in files). */
    default List<Scenario> orElseThrow() {
        return switch (this) {
            case Parsed p -> p.scenarios();
            case Malformed m -> throw new IllegalStateException("scenario file error: " + m);
        };
    }
}
