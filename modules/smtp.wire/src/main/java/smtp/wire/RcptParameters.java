package smtp.wire;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ESMTP parameters of RCPT TO, typed for DSN (RFC 3461 §4.1, §4.2); everything else
 * is kept in {@code others}.
 *
 * @param notifyOn {@code NOTIFY=}; empty when not given (the receiver then applies the
 *               default of RFC 3461 §4.1: FAILURE, and DELAY at its discretion)
 * @param orcpt  {@code ORCPT=}
 * @param others any other parameters, in the order sent (not NOTIFY or ORCPT)
 */
public record RcptParameters(Set<Notify> notifyOn, Optional<OriginalRecipient> orcpt, List<EsmtpParameter> others) {

    /** No parameters. */
    public static final RcptParameters NONE = new RcptParameters(Set.of(), Optional.empty(), List.of());

    public RcptParameters {
        notifyOn = notifyOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notifyOn));
        Objects.requireNonNull(orcpt, "orcpt");
        others = List.copyOf(others);
        // RFC 3461 §4.1: NEVER must not be combined with other values.
        if (notifyOn.contains(Notify.NEVER) && notifyOn.size() > 1) {
            throw new IllegalArgumentException("RFC 3461 §4.1: NEVER is exclusive");
        }
        // Checked so that the parameters format into " esmtp-param"s that parse back to this value.
        for (EsmtpParameter p : others) {
            if (p.keyword().equalsIgnoreCase("NOTIFY") || p.keyword().equalsIgnoreCase("ORCPT")) {
                throw new IllegalArgumentException(p.keyword() + " is a typed parameter, not one of the others");
            }
        }
    }

    /** The parameters in wire form, each preceded by a space (empty for none). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (!notifyOn.isEmpty()) {
            sb.append(" NOTIFY=").append(EnumSet.copyOf(notifyOn).stream()
                    .map(Enum::name).collect(Collectors.joining(",")));
        }
        orcpt.ifPresent(o -> sb.append(" ORCPT=").append(o));
        others.forEach(p -> sb.append(' ').append(p));
        return sb.toString();
    }
}
