package smtp.wire;

import java.util.Objects;

/**
 * The {@code ORCPT=} parameter of RCPT, RFC 3461 §4.2:
 * {@code orcpt-parameter = "ORCPT=" original-recipient-address},
 * {@code original-recipient-address = addr-type ";" xtext}.
 *
 * @param addressType the addr-type, e.g. {@code rfc822} or {@code utf-8} (RFC 6533)
 * @param address     the address, xtext-decoded
 */
public record OriginalRecipient(String addressType, String address) {

    public OriginalRecipient {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
    }

    /** The parameter value, xtext-encoded: {@code addr-type ";" xtext}. */
    @Override
    public String toString() {
        return addressType + ";" + Xtext.encode(address);
    }
}
