package smtp.auth;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed and validated DKIM-Signature header field value (RFC 6376 §3.5). Only version 1
 * exists; every tag of §3.5 is represented, and {@link #tags()} keeps all tags as written
 * (unknown tags are signed but otherwise ignored, §3.5).
 *
 * <h2>Standards</h2>
 * RFC 6376 §3.5 (tags), §6.1.1 (validation), RFC 8463 §4.1 ({@code a=ed25519-sha256}).
 *
 * <h2>Diagnostics</h2>
 * {@link #parse(String)} never throws: a syntax error, a missing required tag, an unknown
 * algorithm, canonicalization or query method, an {@code i=} outside {@code d=}, an
 * {@code h=} without From, or {@code x=} not after {@code t=} give {@link DkimParseResult.Invalid}.
 * The canonical constructor throws {@link IllegalArgumentException} on broken invariants.
 *
 * @param algorithm               {@code a=}
 * @param signature               {@code b=}, decoded
 * @param bodyHash                {@code bh=}, decoded
 * @param headerCanonicalization  first half of {@code c=} (default simple)
 * @param bodyCanonicalization    second half of {@code c=} (default simple)
 * @param domain                  {@code d=}, the SDID, as written
 * @param selector                {@code s=}
 * @param signedHeaders           {@code h=}, field names as written, in order
 * @param identity                {@code i=} decoded, when present (the AUID; see {@link #auid()})
 * @param bodyLength              {@code l=}, saturated at {@link Long#MAX_VALUE}
 * @param queryMethods            {@code q=} (default {@code dns/txt})
 * @param timestamp               {@code t=}
 * @param expiration              {@code x=}
 * @param copiedHeaders           {@code z=}, decoded ({@code name:value} each)
 * @param tags                    every tag as written, in order
 */
public record DkimSignature(
        DkimAlgorithm algorithm,
        byte[] signature,
        byte[] bodyHash,
        DkimCanonicalization headerCanonicalization,
        DkimCanonicalization bodyCanonicalization,
        String domain,
        String selector,
        List<String> signedHeaders,
        Optional<String> identity,
        OptionalLong bodyLength,
        List<String> queryMethods,
        Optional<Instant> timestamp,
        Optional<Instant> expiration,
        List<String> copiedHeaders,
        Map<String, String> tags) {

    public DkimSignature {
        Objects.requireNonNull(algorithm, "algorithm");
        signature = signature.clone();
        bodyHash = bodyHash.clone();
        Objects.requireNonNull(headerCanonicalization, "headerCanonicalization");
        Objects.requireNonNull(bodyCanonicalization, "bodyCanonicalization");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(bodyLength, "bodyLength");
        queryMethods = List.copyOf(queryMethods);
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(expiration, "expiration");
        copiedHeaders = List.copyOf(copiedHeaders);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        if (signedHeaders.isEmpty()) {
            throw new IllegalArgumentException("RFC 6376 §3.5: h= MUST NOT be empty");
        }
    }

    /**
     * Parses a DKIM-Signature field value (unfolded or not). Validation follows RFC 6376
     * §6.1.1 ("Implementers MUST meticulously validate the format and values").
     */
    public static DkimParseResult<DkimSignature> parse(String value) {
        return smtp.auth.internal.dkim.SignatureSyntax.parse(value);
    }

    /** The AUID: {@code i=}, or "@" + {@code d=} when absent (RFC 6376 §6.1.1). */
    public String auid() {
        return identity.orElse("@" + domain);
    }

    /** The domain part of the AUID, lower case. */
    public String auidDomain() {
        String a = auid();
        return a.substring(a.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The DNS name of the key record: {@code <s>._domainkey.<d>} (RFC 6376 §3.6.2.1). */
    public String keyName() {
        return selector + "._domainkey." + domain;
    }

    /** {@code b=} in base64, as Authentication-Results' {@code header.b} quotes it (RFC 6008). */
    public String signatureBase64() {
        return Base64.getEncoder().encodeToString(signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] bodyHash() {
        return bodyHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DkimSignature s && tags.equals(s.tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }

    @Override
    public String toString() {
        return "DkimSignature[a=" + algorithm.tag() + ", d=" + domain + ", s=" + selector
                + ", c=" + headerCanonicalization.tag() + "/" + bodyCanonicalization.tag()
                + ", h=" + String.join(":", signedHeaders) + ", b=" + signatureBase64().substring(0, Math.min(12, signatureBase64().length())) + "...]";
    }
}
