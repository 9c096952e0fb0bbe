package smtp.auth.internal.spf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SPF record, RFC 7208 §4.6.1 and §6: the directives in order, and the two modifiers
 * with a meaning ({@code redirect=} and {@code exp=}); unknown modifiers are checked for syntax
 * and otherwise ignored (§6: "Unrecognized modifiers MUST be ignored").
 *
 * @param directives  evaluated left to right (§4.6.2)
 * @param redirect    the {@code redirect=} domain-spec, used only if no directive matched (§6.1)
 * @param explanation the {@code exp=} domain-spec, consulted for a "fail" (§6.2)
 */
public record SpfRecord(List<Directive> directives, Optional<MacroString> redirect, Optional<MacroString> explanation) {

    public SpfRecord {
        directives = List.copyOf(directives);
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(explanation, "explanation");
    }
}
