package smtp.wire;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The ESMTP parameters of MAIL FROM, typed where an extension this project implements
 * defines them; everything else is kept in {@code others} so that the session can answer
 * 555 (RFC 5321 §4.1.1.11) for parameters it does not recognise.
 *
 * @param size       {@code SIZE=} (RFC 1870 §3), the declared message size in octets
 * @param body       {@code BODY=} (RFC 6152 §2, RFC 3030 §3)
 * @param smtpUtf8   {@code SMTPUTF8} given (RFC 6531 §3.4)
 * @param auth       {@code AUTH=} (RFC 4954 §5), xtext-decoded; {@code "<>"} means unknown
 * @param ret        {@code RET=} (RFC 3461 §4.3)
 * @param envelopeId {@code ENVID=} (RFC 3461 §4.4), xtext-decoded
 * @param others     any other parameters, in the order sent (none with a keyword above)
 */
public record MailParameters(OptionalLong size, Optional<BodyType> body, boolean smtpUtf8,
                             Optional<String> auth, Optional<Ret> ret, Optional<String> envelopeId,
                             List<EsmtpParameter> others) {

    /** The keywords that have a field of their own (declared before {@link #NONE}: the constructor reads it). */
    private static final Set<String> TYPED = Set.of("SIZE", "BODY", "SMTPUTF8", "AUTH", "RET", "ENVID");

    /** No parameters. */
    public static final MailParameters NONE = new MailParameters(OptionalLong.empty(), Optional.empty(),
            false, Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    public MailParameters {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(envelopeId, "envelopeId");
        others = List.copyOf(others);
        // Checked so that the parameters format into " esmtp-param"s that parse back to this value.
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("RFC 1870 §3: SIZE is 1*20DIGIT");
        }
        if (auth.isPresent() && (auth.get().isEmpty() || !smtp.wire.internal.Utf8.isWellFormed(auth.get()))) {
            throw new IllegalArgumentException("RFC 4954 §5: AUTH= needs \"<>\" or a non-empty address");
        }
        if (envelopeId.isPresent() && (envelopeId.get().isEmpty() || !smtp.wire.internal.Utf8.isWellFormed(envelopeId.get()))) {
            throw new IllegalArgumentException("RFC 3461 §4.4: ENVID= needs a non-empty value");
        }
        for (EsmtpParameter p : others) {
            if (TYPED.contains(p.keyword().toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException(p.keyword() + " is a typed parameter, not one of the others");
            }
        }
    }

    /** The parameters in wire form, each preceded by a space (empty for none). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        size.ifPresent(s -> sb.append(" SIZE=").append(s));
        body.ifPresent(b -> sb.append(" BODY=").append(b.keyword()));
        if (smtpUtf8) {
            sb.append(" SMTPUTF8");
        }
        auth.ifPresent(a -> sb.append(" AUTH=").append(a.equals("<>") ? a : Xtext.encode(a)));
        ret.ifPresent(r -> sb.append(" RET=").append(r));
        envelopeId.ifPresent(e -> sb.append(" ENVID=").append(Xtext.encode(e)));
        others.forEach(p -> sb.append(' ').append(p));
        return sb.toString();
    }
}
