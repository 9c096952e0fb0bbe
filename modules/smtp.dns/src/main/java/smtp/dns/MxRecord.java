package smtp.dns;

import java.util.Objects;

/**
 * One MX resource record, RFC 1035 §3.3.9 and RFC 5321 §5.1.
 *
 * @param preference the preference; lower is tried first
 * @param exchange   the exchange's domain name without a trailing dot; {@code "."}'s
 *                   empty name is written {@code ""} (RFC 7505 null MX)
 */
public record MxRecord(int preference, String exchange) {

    public MxRecord {
        Objects.requireNonNull(exchange, "exchange");
        if (preference < 0 || preference > 65535) {
            throw new IllegalArgumentException("preference is a 16-bit value");
        }
    }

    /** RFC 7505 §3: a null MX has preference 0 and the exchange "." (the root). */
    public boolean isNull() {
        return preference == 0 && exchange.isEmpty();
    }
}
