package smtp.wire;

import java.util.Objects;

/**
 * The {@code ORCPT=} parameter of RCPT, RFC 3461 §4.2:
 * {@code orcpt-parameter = "ORCPT=" original-recipient-address},
 * {@code original-recipient-address = addr-type ";" xtext}.
 *
 * @param addressType the addr-type, e.g. {@code rfc822} or {@code utf-8} (RFC 6533): an atom without "="
 * @param address     the address, xtext-decoded (non-empty)
 */
public record OriginalRecipient(String addressType, String address) {

    public OriginalRecipient {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
        // RFC 3461 §4.2: addr-type is an atom, and the whole value an esmtp-value (RFC 5321
        // §4.1.2: no "="); the address is sent as xtext, at least one character, so it must not
        // be empty and must survive UTF-8 encoding.
        if (!smtp.wire.internal.ParameterSyntax.isAsciiAtom(addressType) || addressType.indexOf('=') >= 0) {
            throw new IllegalArgumentException("RFC 3461 §4.2: addr-type must be an atom: " + addressType);
        }
        if (address.isEmpty() || !smtp.wire.internal.Utf8.isWellFormed(address)) {
            throw new IllegalArgumentException("RFC 3461 §4.2: the address must be non-empty text");
        }
    }

    /** The parameter value, xtext-encoded: {@code addr-type ";" xtext}. */
    @Override
    public String toString() {
        return addressType + ";" + Xtext.encode(address);
    }
}
