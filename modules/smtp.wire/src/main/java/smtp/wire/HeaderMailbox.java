package smtp.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code mailbox = name-addr / addr-spec}, RFC 5322 §3.4;
 * {@code name-addr = [display-name] angle-addr}.
 *
 * @param displayName the display name, quotes removed and whitespace collapsed
 * @param addrSpec    the address
 * @throws IllegalArgumentException if the display name holds CR, LF or NUL
 */
public record HeaderMailbox(Optional<String> displayName, AddrSpec addrSpec) implements HeaderAddress {

    public HeaderMailbox {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(addrSpec, "addrSpec");
        displayName.ifPresent(n -> requireOneLine(n, "displayName"));
    }

    /** A mailbox without a display name. */
    public static HeaderMailbox of(AddrSpec addrSpec) {
        return new HeaderMailbox(Optional.empty(), addrSpec);
    }

    @Override
    public String format() {
        return smtp.wire.internal.AddressFormat.mailbox(this);
    }

    /** Refuses CR, LF and NUL, which no header value can carry (RFC 5322 §2.2). */
    static void requireOneLine(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " contains CR, LF or NUL");
            }
        }
    }

    @Override
    public List<HeaderMailbox> mailboxes() {
        return List.of(this);
    }
}
