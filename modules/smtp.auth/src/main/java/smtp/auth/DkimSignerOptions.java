package smtp.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link DkimSigner} signs. {@link #defaults()}: relaxed/relaxed, the header fields of
 * RFC 6376 §5.4.1 plus Message-ID, Sender and the MIME fields, with the fields RFC 5322 §3.6
 * allows only once over-signed, a timestamp, no expiry, no {@code l=}, no {@code z=}.
 *
 * <h2>Standards</h2>
 * RFC 6376 §5.3.1 (l=, "Judicious use is advised"), §5.4 ("The From header field MUST be
 * signed"; over-signing: "A header field name need only be listed once more than the actual
 * number of that header field in a message"), §5.4.1 (recommended fields), §3.5 (i=, t=, x=, z=).
 *
 * @param headerCanonicalization the header half of {@code c=}
 * @param bodyCanonicalization   the body half of {@code c=}
 * @param signedHeaders          field names to sign, in {@code h=} order (From is always signed)
 * @param oversignedHeaders      names listed once more than they occur, so that adding one
 *                               breaks the signature (lower case)
 * @param identity               {@code i=}, within the key's domain
 * @param expiry                 {@code x=} is {@code t=} plus this
 * @param bodyLengthTag          whether to write {@code l=} (the whole canonical body)
 * @param copyHeaders            whether to write {@code z=} with the signed fields (diagnostics)
 * @param clock                  the signing time for {@code t=}
 */
public record DkimSignerOptions(
        DkimCanonicalization headerCanonicalization,
        DkimCanonicalization bodyCanonicalization,
        List<String> signedHeaders,
        Set<String> oversignedHeaders,
        Optional<String> identity,
        Optional<Duration> expiry,
        boolean bodyLengthTag,
        boolean copyHeaders,
        Clock clock) {

    /** RFC 6376 §5.4.1's list, then Message-ID, Sender and the MIME fields. */
    public static final List<String> RECOMMENDED_HEADERS = List.of(
            "from", "reply-to", "subject", "date", "to", "cc",
            "resent-date", "resent-from", "resent-to", "resent-cc",
            "in-reply-to", "references",
            "list-id", "list-help", "list-unsubscribe", "list-subscribe", "list-post", "list-owner", "list-archive",
            "message-id", "sender", "mime-version", "content-type", "content-transfer-encoding");

    /** Fields that occur at most once (RFC 5322 §3.6 table, RFC 2045 §3): over-signed by default. */
    public static final Set<String> SINGLE_INSTANCE_HEADERS = Set.of(
            "from", "sender", "reply-to", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references",
            "mime-version", "content-type", "content-transfer-encoding");

    public DkimSignerOptions {
        Objects.requireNonNull(headerCanonicalization, "headerCanonicalization");
        Objects.requireNonNull(bodyCanonicalization, "bodyCanonicalization");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(clock, "clock");
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String n : signedHeaders) {
            names.add(checkName(n));
        }
        // RFC 6376 §5.4: "The From header field MUST be signed".
        names.add("from");
        signedHeaders = List.copyOf(names);
        Set<String> over = new LinkedHashSet<>();
        for (String n : oversignedHeaders) {
            over.add(checkName(n));
        }
        oversignedHeaders = Set.copyOf(over);
        if (expiry.isPresent() && expiry.get().getSeconds() < 1) {
            // RFC 6376 §3.5 x=: "MUST be greater than the value of the "t=" tag".
            throw new IllegalArgumentException("expiry must be at least one second");
        }
        if (identity.isPresent() && identity.get().lastIndexOf('@') < 0) {
            throw new IllegalArgumentException("RFC 6376 §3.5 i=: [Local-part] \"@\" domain-name");
        }
    }

    private static String checkName(String n) {
        String name = n.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || !name.chars().allMatch(c -> c >= 33 && c <= 126 && c != ':')) {
            throw new IllegalArgumentException("RFC 5322 §3.6.8: not a field name: " + n);
        }
        return name;
    }

    /** The defaults described above. */
    public static DkimSignerOptions defaults() {
        return new DkimSignerOptions(DkimCanonicalization.RELAXED, DkimCanonicalization.RELAXED, RECOMMENDED_HEADERS,
                SINGLE_INSTANCE_HEADERS, Optional.empty(), Optional.empty(), false, false, Clock.systemUTC());
    }

    /** These options with another {@code c=}. */
    public DkimSignerOptions withCanonicalization(DkimCanonicalization header, DkimCanonicalization body) {
        return new DkimSignerOptions(header, body, signedHeaders, oversignedHeaders, identity, expiry, bodyLengthTag, copyHeaders, clock);
    }

    /** These options with other header lists. */
    public DkimSignerOptions withHeaders(List<String> signed, Set<String> oversigned) {
        return new DkimSignerOptions(headerCanonicalization, bodyCanonicalization, signed, oversigned, identity, expiry,
                bodyLengthTag, copyHeaders, clock);
    }

    /** These options with an {@code x=} this long after {@code t=}. */
    public DkimSignerOptions withExpiry(Duration d) {
        return new DkimSignerOptions(headerCanonicalization, bodyCanonicalization, signedHeaders, oversignedHeaders, identity,
                Optional.of(d), bodyLengthTag, copyHeaders, clock);
    }

    /** These options with an {@code i=}. */
    public DkimSignerOptions withIdentity(String auid) {
        return new DkimSignerOptions(headerCanonicalization, bodyCanonicalization, signedHeaders, oversignedHeaders,
                Optional.of(auid), expiry, bodyLengthTag, copyHeaders, clock);
    }

    /** These options with {@code l=} and {@code z=} switched on or off. */
    public DkimSignerOptions withTags(boolean bodyLength, boolean copied) {
        return new DkimSignerOptions(headerCanonicalization, bodyCanonicalization, signedHeaders, oversignedHeaders, identity,
                expiry, bodyLength, copied, clock);
    }

    /** These options with another clock. */
    public DkimSignerOptions withClock(Clock c) {
        return new DkimSignerOptions(headerCanonicalization, bodyCanonicalization, signedHeaders, oversignedHeaders, identity,
                expiry, bodyLengthTag, copyHeaders, c);
    }
}
