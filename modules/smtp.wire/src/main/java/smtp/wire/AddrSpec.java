package smtp.wire;

import java.util.Objects;

/**
 * {@code addr-spec = local-part "@" domain}, RFC 5322 §3.4.1 (with RFC 6532 UTF-8).
 *
 * @param localPart the local part with quotes and quoted-pairs removed and CFWS dropped
 * @param domain    the domain (a dot-atom, or a domain-literal with its brackets), CFWS dropped
 * @throws IllegalArgumentException for an empty domain, or CR, LF or NUL in either part
 *         (values that no header can carry; the parser never produces them)
 */
public record AddrSpec(String localPart, String domain) {

    public AddrSpec {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("RFC 5322 §3.4.1: an addr-spec has a domain");
        }
        HeaderMailbox.requireOneLine(localPart, "localPart");
        HeaderMailbox.requireOneLine(domain, "domain");
    }

    /**
     * The RFC 5322 §3.4.1 form: the local part as a dot-atom when it is one, otherwise as a
     * quoted-string; {@link smtp.wire.HeaderAddress#parseList} reads it back to this value.
     */
    public String format() {
        return smtp.wire.internal.AddressFormat.addrSpec(this);
    }

    /** {@code localPart@domain} without quoting (for logs; use {@link #format()} for headers). */
    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
