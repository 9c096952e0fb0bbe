package smtp.wire;

import java.util.List;
import java.util.Objects;

/**
 * {@code group = display-name ":" [group-list] ";" [CFWS]}, RFC 5322 §3.4.
 *
 * @param displayName the group's name
 * @param members     the mailboxes in the group, possibly none
 * @throws IllegalArgumentException if the display name holds CR, LF or NUL
 */
public record HeaderGroup(String displayName, List<HeaderMailbox> members) implements HeaderAddress {

    public HeaderGroup {
        Objects.requireNonNull(displayName, "displayName");
        HeaderMailbox.requireOneLine(displayName, "displayName");
        members = List.copyOf(members);
    }

    @Override
    public String format() {
        return smtp.wire.internal.AddressFormat.group(this);
    }

    @Override
    public List<HeaderMailbox> mailboxes() {
        return members;
    }
}
