package smtp.auth.internal.spf;

import java.util.List;
import java.util.Objects;

/**
 * A parsed macro-string, RFC 7208 §7.1: literal text and macros to expand at evaluation time.
 *
 * <pre>
 * macro-string     = *( macro-expand / macro-literal )
 * macro-expand     = ( "%{" macro-letter transformers *delimiter "}" )
 *                    / "%%" / "%_" / "%-"
 * transformers     = *DIGIT [ "r" ]
 * delimiter        = "." / "-" / "+" / "," / "/" / "_" / "="
 * </pre>
 *
 * @param parts  literals (the escapes %%, %_ and %- already turned into "%", " " and "%20") and macros
 * @param source the text as written in the record, for diagnostics
 */
public record MacroString(List<Part> parts, String source) {

    public MacroString {
        parts = List.copyOf(parts);
        Objects.requireNonNull(source, "source");
    }

    /** One piece of a macro-string. */
    public sealed interface Part permits Literal, Macro {
    }

    /** Text copied as is. */
    public record Literal(String text) implements Part {
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@code %{letter digits r delimiters}}.
     *
     * @param letter     the lower-case macro letter (s l o d i p h c r t v)
     * @param urlEscape  the letter was upper case: URL-escape the result (§7.3)
     * @param keep       the number of right-hand parts to keep, 0 for all
     * @param reverse    the {@code r} transformer
     * @param delimiters the delimiters to split on ("." when none are given)
     */
    public record Macro(char letter, boolean urlEscape, int keep, boolean reverse, String delimiters) implements Part {
        public Macro {
            Objects.requireNonNull(delimiters, "delimiters");
        }
    }

    /** True when the string holds no macro (its value is known without expansion). */
    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    @Override
    public String toString() {
        return source;
    }
}
