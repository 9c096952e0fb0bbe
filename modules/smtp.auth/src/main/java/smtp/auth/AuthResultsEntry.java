package smtp.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code resinfo}, RFC 8601 §2.2: one authentication method's result with its reason and
 * properties, e.g. {@code spf=pass smtp.mailfrom=example.net}.
 *
 * <pre>
 * resinfo    = [CFWS] ";" methodspec [ CFWS reasonspec ] [ CFWS 1*propspec ]
 * methodspec = [CFWS] method [CFWS] "=" [CFWS] result
 * method     = Keyword [ [CFWS] "/" [CFWS] method-version ]
 * reasonspec = "reason" [CFWS] "=" [CFWS] value
 * </pre>
 *
 * @param method        {@code spf}, {@code dkim}, {@code dmarc}, {@code iprev}... (lower case)
 * @param methodVersion the optional {@code /version} of the method
 * @param result        the result keyword ({@code pass}, {@code fail}, {@code none}...), lower case
 * @param reason        the optional {@code reason=} text
 * @param properties    the properties, in order
 */
public record AuthResultsEntry(String method, OptionalInt methodVersion, String result, Optional<String> reason,
                               List<AuthResultsProperty> properties) {

    public AuthResultsEntry {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(methodVersion, "methodVersion");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
        properties = List.copyOf(properties);
        if (!AuthenticationResults.isKeyword(method) || !AuthenticationResults.isKeyword(result)) {
            throw new IllegalArgumentException("method and result are Keywords (RFC 8601 §2.2): " + method + "=" + result);
        }
        if (methodVersion.isPresent() && methodVersion.getAsInt() < 0) {
            throw new IllegalArgumentException("negative method version");
        }
        if (reason.isPresent() && (reason.get().indexOf('\r') >= 0 || reason.get().indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("CR or LF in a reason");
        }
        method = method.toLowerCase(Locale.ROOT);
        result = result.toLowerCase(Locale.ROOT);
    }

    /** An entry without a method version or reason. */
    public AuthResultsEntry(String method, String result, List<AuthResultsProperty> properties) {
        this(method, OptionalInt.empty(), result, Optional.empty(), properties);
    }

    /**
     * The SPF entry, RFC 8601 §2.7.2 and RFC 7208 §9.2: {@code spf=<result>} with
     * {@code smtp.mailfrom=<sender>} for the MAIL FROM identity, or {@code smtp.helo=<domain>}.
     */
    public static AuthResultsEntry spf(SpfOutcome outcome) {
        AuthResultsProperty p = outcome.identity() == SpfIdentity.MAILFROM
                ? new AuthResultsProperty("smtp", "mailfrom", outcome.sender())
                : new AuthResultsProperty("smtp", "helo", outcome.domain());
        return new AuthResultsEntry("spf", outcome.result().keyword(), List.of(p));
    }

    /**
     * A DKIM entry, RFC 8601 §2.7.1 and RFC 6008: {@code dkim=<result> header.d=<d>
     * header.s=<selector> header.b=<first 8 characters of b=>} (the b= prefix tells several
     * signatures of one domain apart).
     *
     * @param result   the DKIM result keyword (pass, fail, neutral, policy, temperror, permerror, none)
     * @param domain   the signature's d=
     * @param selector the signature's s=
     * @param b        the signature's b= value (only its first 8 characters are used), or ""
     */
    public static AuthResultsEntry dkim(String result, String domain, String selector, String b) {
        List<AuthResultsProperty> props = new ArrayList<>();
        props.add(new AuthResultsProperty("header", "d", domain));
        props.add(new AuthResultsProperty("header", "s", selector));
        String compact = b.replaceAll("[\\s]", "");
        if (!compact.isEmpty()) {
            props.add(new AuthResultsProperty("header", "b", compact.substring(0, Math.min(8, compact.length()))));
        }
        return new AuthResultsEntry("dkim", result, props);
    }

    /** The DMARC entry, RFC 7489 §11.2: {@code dmarc=<result> header.from=<author domain>}. */
    public static AuthResultsEntry dmarc(DmarcEvaluation evaluation) {
        return new AuthResultsEntry("dmarc", evaluation.result().keyword(),
                evaluation.fromDomain().isEmpty() ? List.of()
                        : List.of(new AuthResultsProperty("header", "from", evaluation.fromDomain())));
    }

    /** The first property with this ptype and property name. */
    public Optional<String> property(String ptype, String property) {
        return properties.stream().filter(p -> p.ptype().equalsIgnoreCase(ptype) && p.property().equalsIgnoreCase(property))
                .map(AuthResultsProperty::value).findFirst();
    }
}
