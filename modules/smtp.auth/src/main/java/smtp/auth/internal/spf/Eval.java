package smtp.auth.internal.spf;

import java.util.Objects;
import java.util.Optional;
import smtp.auth.SpfResult;

/**
 * The result of one {@code check_host()} level (RFC 7208 §4): its result, why, the directive
 * that matched, and the {@code exp=} in force should the result be "fail" (§6.2).
 */
record Eval(SpfResult result, String reason, Optional<String> mechanism, Optional<Eval.ExpSource> exp) {

    Eval {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(exp, "exp");
    }

    /** A result that no directive decided (none, neutral, an error). */
    static Eval of(SpfResult r, String reason) {
        return new Eval(r, reason, Optional.empty(), Optional.empty());
    }

    /** An {@code exp=} modifier and the {@code <domain>} of the record that holds it. */
    record ExpSource(String domain, MacroString spec) {
    }
}
