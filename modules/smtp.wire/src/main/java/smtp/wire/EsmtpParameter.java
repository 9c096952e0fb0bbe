package smtp.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * One ESMTP parameter of MAIL or RCPT, RFC 5321 §4.1.2:
 *
 * <pre>
 * esmtp-param    = esmtp-keyword ["=" esmtp-value]
 * esmtp-keyword  = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
 * esmtp-value    = 1*(%d33-60 / %d62-126)   ; any CHAR excluding "=", SP, and control characters
 * </pre>
 *
 * RFC 6531 §3.3 widens esmtp-value to UTF-8 when SMTPUTF8 is in use.
 *
 * @param keyword the keyword as sent (comparison is case-insensitive)
 * @param value   the value, if any, still encoded (xtext is decoded by the typed parameters)
 */
public record EsmtpParameter(String keyword, Optional<String> value) {

    public EsmtpParameter {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(value, "value");
        // RFC 5321 §4.1.2: checked so that a parameter always formats into exactly one esmtp-param.
        if (!smtp.wire.internal.ParameterSyntax.isKeyword(keyword, 0, keyword.length())) {
            throw new IllegalArgumentException("RFC 5321 §4.1.2: bad esmtp-keyword: " + keyword);
        }
        if (value.isPresent() && !smtp.wire.internal.ParameterSyntax.isValue(value.get(), 0, value.get().length())) {
            throw new IllegalArgumentException("RFC 5321 §4.1.2: bad esmtp-value");
        }
    }

    @Override
    public String toString() {
        return value.map(v -> keyword + "=" + v).orElse(keyword);
    }
}
