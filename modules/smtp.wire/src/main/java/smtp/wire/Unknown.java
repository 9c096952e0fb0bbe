package smtp.wire;

import java.util.Objects;

/**
 * A command whose verb this module does not define (e.g. TURN, ETRN, or garbage). Keeping
 * it as a value keeps parsing total: the session answers 500 5.5.1 (unrecognised) or 502
 * 5.5.1 (recognised but not implemented), RFC 5321 §4.2.4.
 *
 * @param verb      the first word of the line, upper case
 * @param arguments the rest of the line after the first space, possibly empty
 */
public record Unknown(String verb, String arguments) implements Command {

    public Unknown {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(arguments, "arguments");
    }

    @Override
    public String format() {
        return arguments.isEmpty() ? verb : verb + " " + arguments;
    }
}
