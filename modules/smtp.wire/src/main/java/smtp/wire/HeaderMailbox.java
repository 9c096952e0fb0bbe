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
 */
public record HeaderMailbox(Optional<String> displayName, AddrSpec addrSpec) implements HeaderAddress {

    public HeaderMailbox {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(addrSpec, "addrSpec");
    }

    @Override
    public List<HeaderMailbox> mailboxes() {
        return List.of(this);
    }
}
