package smtp.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code auth-command = "AUTH" SP sasl-mech [SP initial-response] *(CRLF [base64]) [CRLF cancel-response] CRLF},
 * RFC 4954 §4: {@code initial-response = base64 / "="}, {@code sasl-mech = 1*20mech-char} (RFC 4422).
 *
 * @param mechanism       the SASL mechanism name, upper case
 * @param initialResponse the initial response as sent (base64, or "=" for an empty one)
 */
public record Auth(String mechanism, Optional<String> initialResponse) implements Command {

    public Auth {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(initialResponse, "initialResponse");
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
