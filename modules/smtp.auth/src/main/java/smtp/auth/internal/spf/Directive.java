package smtp.auth.internal.spf;

import java.util.Objects;

/**
 * {@code directive = [ qualifier ] mechanism}, RFC 7208 §4.6.1.
 *
 * @param qualifier the qualifier, {@link Qualifier#PASS} when omitted (§4.6.2)
 * @param mechanism the mechanism
 */
public record Directive(Qualifier qualifier, Mechanism mechanism) {

    public Directive {
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(mechanism, "mechanism");
    }

    @Override
    public String toString() {
        return (qualifier == Qualifier.PASS ? "" : String.valueOf(qualifier.symbol())) + mechanism;
    }
}
