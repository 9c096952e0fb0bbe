package smtp.wire;

import java.util.List;
import java.util.Objects;

/**
 * A path, RFC 5321 §4.1.2:
 *
 * <pre>
 * Path           = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"
 * A-d-l          = At-domain *( "," At-domain )
 *                ; Note that this form, the so-called "source route", MUST BE accepted,
 *                ; SHOULD NOT be generated, and SHOULD be ignored.
 * At-domain      = "@" Domain
 * </pre>
 *
 * @param sourceRoute the obsolete source route (RFC 5321 §4.1.2, Appendix C), kept only so
 *                    that formatting gives back what was parsed; delivery ignores it
 * @param mailbox     the mailbox
 */
public record Path(List<Domain> sourceRoute, Mailbox mailbox) implements ReversePath, ForwardPath {

    public Path {
        sourceRoute = List.copyOf(sourceRoute);
        Objects.requireNonNull(mailbox, "mailbox");
    }

    /** A path without a source route. */
    public static Path of(Mailbox mailbox) {
        return new Path(List.of(), mailbox);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<");
        for (int i = 0; i < sourceRoute.size(); i++) {
            sb.append(i == 0 ? "@" : ",@").append(sourceRoute.get(i));
        }
        if (!sourceRoute.isEmpty()) {
            sb.append(':');
        }
        return sb.append(mailbox).append('>').toString();
    }
}
