package smtp.conformance;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code C:} or {@code R:} line sends: literal octets, parameters that the runner fills
 * in ({@code ${from}}, {@code ${ehlo:SIZE+1}}) and bounded repetitions ({@code ${repeat:505:x}}).
 * The written form, with its escapes, is described in {@code conformance/README.md}.
 *
 * @param parts the pieces in order; adjacent literals are merged by the parser
 */
public record ClientText(List<Part> parts) {

    /** The parameters a scenario may use; {@code ehlo:KEYWORD} is matched separately. */
    public static final Set<String> PARAMETERS =
            Set.of("helo", "from", "from-domain", "to", "to-domain", "to-xtext", "nouser");

    /** The largest repetition count, so that one line stays bounded (1 MiB). */
    public static final int MAX_REPEAT = 1_048_576;

    static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    static final Pattern REPEAT_TEXT = Pattern.compile("[!-~&&[^}\\\\:$]]{1,64}");

    public ClientText {
        parts = List.copyOf(parts);
    }

    /** A piece of client text. */
    public sealed interface Part permits Literal, Parameter, Repeat {
    }

    /**
     * Octets sent as they are.
     *
     * @param octets one char per octet, each 0 to 255 (ISO-8859-1 view of the bytes)
     */
    public record Literal(String octets) implements Part {
        public Literal {
            Objects.requireNonNull(octets, "octets");
            if (octets.isEmpty() || octets.chars().anyMatch(c -> c > 0xff)) {
                throw new IllegalArgumentException("a literal is a non-empty string of octets");
            }
        }
    }

    /**
     * A value filled in at run time: {@code ${name}} or {@code ${name+N}} / {@code ${name-N}}
     * (numeric values only, e.g. {@code ${ehlo:SIZE+1}}).
     *
     * @param name   one of {@link #PARAMETERS} or {@code ehlo:KEYWORD}
     * @param addend added to a numeric value; 0 for none
     */
    public record Parameter(String name, long addend) implements Part {
        public Parameter {
            Objects.requireNonNull(name, "name");
            if (!isKnown(name)) {
                throw new IllegalArgumentException("unknown parameter: " + name);
            }
            if (Math.abs(addend) > 1_000_000_000L || addend != 0 && !name.startsWith("ehlo:")) {
                throw new IllegalArgumentException("an addend (up to 10^9) is allowed on ehlo: parameters only");
            }
        }

        /**
         * True for a name a scenario may use. An EHLO keyword that ends in "-" and digits is
         * not allowed here, because {@code ${ehlo:X-1}} reads as X minus one.
         */
        public static boolean isKnown(String name) {
            return PARAMETERS.contains(name)
                    || name.startsWith("ehlo:") && KEYWORD.matcher(name.substring(5)).matches()
                    && !name.matches(".*-[0-9]+");
        }
    }

    /**
     * {@code ${repeat:COUNT:TEXT}}: TEXT repeated COUNT times.
     *
     * @param count 1 to {@link #MAX_REPEAT}
     * @param text  1 to 64 printable ASCII characters other than {@code } \ : $}
     */
    public record Repeat(int count, String text) implements Part {
        public Repeat {
            Objects.requireNonNull(text, "text");
            if (count < 1 || count > MAX_REPEAT || !REPEAT_TEXT.matcher(text).matches()) {
                throw new IllegalArgumentException("bad repeat: " + count + ":" + text);
            }
        }
    }

    /** True when a part is a parameter named {@code name}. */
    public boolean uses(String name) {
        return parts.stream().anyMatch(p -> p instanceof Parameter q && q.name().equals(name));
    }

    /** The text in scenario-file syntax (escapes for CR, LF, NUL, non-ASCII...). */
    public String format() {
        return smtp.conformance.internal.ClientTextSyntax.format(this);
    }
}
