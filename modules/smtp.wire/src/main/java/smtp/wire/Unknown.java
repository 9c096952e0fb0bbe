package smtp.wire;

import java.util.Objects;

/**
 * A command whose verb this module does not define (e.g. TURN, ETRN, or garbage). Keeping
 * it as a value keeps parsing total: the session answers 500 5.5.1 (unrecognised) or 502
 * 5.5.1 (recognised but not implemented), RFC 5321 §4.2.4.
 *
 * @param verb      the first word of the line, upper case (ASCII letters), possibly empty, no
 *                  space or control character, not a verb that {@link Command} defines
 * @param arguments the rest of the line after the first space, possibly empty, no control character
 */
public record Unknown(String verb, String arguments) implements Command {

    public Unknown {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(arguments, "arguments");
        // Checked so that the value formats into exactly one line that parses back to it: the
        // verb is one word in upper case that this module does not define, the arguments hold no
        // control character.
        if (!smtp.wire.internal.CommandSyntax.isUnknownVerb(verb) || !smtp.wire.internal.Utf8.isLineText(arguments)) {
            throw new IllegalArgumentException("not an unknown verb with arguments: " + verb);
        }
    }

    @Override
    public String format() {
        return arguments.isEmpty() ? verb : verb + " " + arguments;
    }
}
