package smtp.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import smtp.auth.internal.authres.AuthResultsSyntax;
import smtp.wire.HeaderField;

/**
 * The Authentication-Results header field, RFC 8601: which authentication service
 * ({@code authserv-id}) checked what, with which results.
 *
 * <pre>
 * authres-header-field = "Authentication-Results:" authres-payload
 * authres-payload = [CFWS] authserv-id
 *          [ CFWS authres-version ]
 *          ( no-result / 1*resinfo ) [CFWS] CRLF
 * authserv-id = value
 * authres-version = 1*DIGIT [CFWS]
 * no-result = [CFWS] ";" [CFWS] "none"
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 8601 §2.2 (syntax), §2.3 (property types), §2.7 (methods and results), §5 (remove fields
 * claiming our authserv-id on inbound mail), §6 (the field is prepended at the top).
 *
 * <h2>Diagnostics</h2>
 * {@link #parse} returns {@link AuthResultsParse.Malformed} for bad syntax; it never throws.
 *
 * @param authservId the authentication service identifier, usually the receiving host's domain
 * @param results    the method results; empty means "none" (no method was applied)
 */
public record AuthenticationResults(String authservId, List<AuthResultsEntry> results) {

    /** The field name. */
    public static final String FIELD_NAME = "Authentication-Results";

    public AuthenticationResults {
        Objects.requireNonNull(authservId, "authservId");
        results = List.copyOf(results);
        if (authservId.isEmpty()) {
            throw new IllegalArgumentException("empty authserv-id");
        }
    }

    /** Parses a field value (the text after the colon, folded or not, with comments allowed). */
    public static AuthResultsParse parse(String fieldValue) {
        return AuthResultsSyntax.parse(fieldValue);
    }

    /**
     * The field value on one line: {@code " authserv-id; method=result ptype.prop=value; ..."}
     * (with the leading space), or {@code " authserv-id; none"}.
     */
    public String format() {
        return format("; ");
    }

    private String format(String separator) {
        StringBuilder sb = new StringBuilder(" ").append(AuthResultsSyntax.quoteIfNeeded(authservId, false));
        if (results.isEmpty()) {
            return sb.append("; none").toString();
        }
        for (AuthResultsEntry e : results) {
            sb.append(separator).append(e.method());
            e.methodVersion().ifPresent(v -> sb.append('/').append(v));
            sb.append('=').append(e.result());
            e.reason().ifPresent(r -> sb.append(" reason=").append(AuthResultsSyntax.quote(r)));
            for (AuthResultsProperty p : e.properties()) {
                sb.append(' ').append(p.ptype()).append('.').append(p.property()).append('=')
                        .append(AuthResultsSyntax.quoteIfNeeded(p.value(), true));
            }
        }
        return sb.toString();
    }

    /**
     * The header field, folded before each result (RFC 5322 §2.2.3) so that lines stay short;
     * prepend it at the top of the header (RFC 8601 §6).
     */
    public HeaderField toHeaderField() {
        String folded = format(";\r\n\t");
        String unfolded = folded.replace("\r\n", "");
        return new HeaderField(FIELD_NAME, unfolded, (FIELD_NAME + ":" + folded + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The first result of this method ({@code "spf"}, {@code "dkim"}, {@code "dmarc"}). */
    public Optional<AuthResultsEntry> result(String method) {
        return results.stream().filter(e -> e.method().equalsIgnoreCase(method)).findFirst();
    }

    /**
     * The authserv-id a field claims, read leniently (the first value after optional CFWS) so that
     * even a field that is otherwise malformed can be recognized as claiming our identity.
     */
    public static Optional<String> claimedAuthservId(HeaderField field) {
        return AuthResultsSyntax.leadingValue(field.value());
    }

    /**
     * RFC 8601 §5: the fields with every Authentication-Results field removed that claims one of
     * {@code ourIds} as its authserv-id (compared case-insensitively); apply to inbound mail from
     * outside the trust boundary before adding our own. Other fields keep their order.
     */
    public static List<HeaderField> removeClaimingOurs(List<HeaderField> fields, Collection<String> ourIds) {
        List<String> ours = ourIds.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        List<HeaderField> kept = new ArrayList<>(fields.size());
        for (HeaderField f : fields) {
            if (f.nameIs(FIELD_NAME) && claimedAuthservId(f).map(id -> ours.contains(id.toLowerCase(Locale.ROOT))).orElse(false)) {
                continue; // "MUST delete or otherwise obscure any instances of this header field that claim ... to have been added within its trust boundary"
            }
            kept.add(f);
        }
        return kept;
    }

    /** Keyword = Let-dig [ Ldh-str ] (RFC 5321 §4.1.2, as RFC 8601 §2.2 uses it). */
    public static boolean isKeyword(String s) {
        return AuthResultsSyntax.isKeyword(s);
    }
}
