package smtp.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code auth-command = "AUTH" SP sasl-mech [SP initial-response] *(CRLF [base64]) [CRLF cancel-response] CRLF},
 * RFC 4954 §4: {@code initial-response = base64 / "="}, {@code sasl-mech = 1*20mech-char} (RFC 4422).
 *
 * @param mechanism       the SASL mechanism name, upper case ({@code 1*20(UPPER-ALPHA / DIGIT / "-" / "_")})
 * @param initialResponse the initial response as sent (base64, or "=" for an empty one)
 */
public record Auth(String mechanism, Optional<String> initialResponse) implements Command {

    public Auth {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(initialResponse, "initialResponse");
        // RFC 4422 §3.1 / RFC 4954 §4: checked so that the command formats into exactly one line.
        if (!smtp.wire.internal.CommandSyntax.isMechanism(mechanism)) {
            throw new IllegalArgumentException("RFC 4422 §3.1: sasl-mech is 1*20 of A-Z 0-9 - _: " + mechanism);
        }
        if (initialResponse.isPresent() && !initialResponse.get().equals("=")
                && !smtp.wire.internal.CommandSyntax.isBase64(initialResponse.get())) {
            throw new IllegalArgumentException("RFC 4954 §4: initial-response is base64 or \"=\"");
        }
    }

    @Override
    public String verb() {
        return "AUTH";
    }

    @Override
    public String format() {
        return initialResponse.map(r -> "AUTH " + mechanism + " " + r).orElse("AUTH " + mechanism);
    }
}
