package smtp.wire;

import java.util.Objects;

/**
 * {@code addr-spec = local-part "@" domain}, RFC 5322 §3.4.1 (with RFC 6532 UTF-8).
 *
 * @param localPart the local part with quotes and quoted-pairs removed and CFWS dropped
 * @param domain    the domain (a dot-atom, or a domain-literal with its brackets), CFWS dropped
 */
public record AddrSpec(String localPart, String domain) {

    public AddrSpec {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
