package smtp.auth;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DKIM key record, the TXT record at {@code <selector>._domainkey.<domain>}
 * (RFC 6376 §3.6.1), parsed and with its public key decoded.
 *
 * <h2>Standards</h2>
 * RFC 6376 §3.6.1 (tags v h k n p s t), §3.6.2.2 (TXT strings concatenated), §6.1.2;
 * RFC 8463 §4.2 ({@code k=ed25519}: {@code p=} is the raw 32-octet public key).
 * For {@code k=rsa}, {@code p=} is accepted both as a SubjectPublicKeyInfo (what
 * {@code opendkim-genkey} and most signers publish) and as a bare PKCS#1 RSAPublicKey
 * (what §3.6.1 literally says).
 *
 * <h2>Diagnostics</h2>
 * {@link #parse(String)} never throws; a syntax error, a {@code v=} other than DKIM1 or not
 * first, an unknown {@code k=}, or a {@code p=} that does not decode as a key of that type
 * gives {@link DkimParseResult.Invalid}. An empty {@code p=} parses: the key is revoked.
 *
 * @param keyType        {@code k=} (default rsa)
 * @param hashAlgorithms {@code h=} as listed; empty when absent (all algorithms allowed)
 * @param publicKey      the decoded {@code p=}; empty when revoked ({@code p=} empty)
 * @param serviceTypes   {@code s=} (default {@code *})
 * @param flags          {@code t=} ({@code y} testing, {@code s} strict)
 * @param notes          {@code n=}, as written
 * @param tags           every tag as written
 */
public record DkimKeyRecord(
        KeyType keyType,
        List<String> hashAlgorithms,
        Optional<PublicKey> publicKey,
        List<String> serviceTypes,
        List<String> flags,
        String notes,
        Map<String, String> tags) {

    /** {@code k=}: the key types (RFC 6376 §3.6.1, RFC 8463 §4.2). */
    public enum KeyType {
        /** An RSA key (RFC 6376 §3.6.1). */
        RSA("rsa"),
        /** An Ed25519 key (RFC 8463 §4.2). */
        ED25519("ed25519");

        private final String tag;

        KeyType(String tag) {
            this.tag = tag;
        }

        /** The {@code k=} value. */
        public String tag() {
            return tag;
        }

        /** The key type of that name, if known. */
        public static Optional<KeyType> fromTag(String value) {
            for (KeyType k : values()) {
                if (k.tag.equals(value)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public DkimKeyRecord {
        Objects.requireNonNull(keyType, "keyType");
        hashAlgorithms = List.copyOf(hashAlgorithms);
        Objects.requireNonNull(publicKey, "publicKey");
        serviceTypes = List.copyOf(serviceTypes);
        flags = List.copyOf(flags);
        Objects.requireNonNull(notes, "notes");
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** Parses a key record (the TXT strings already concatenated, RFC 6376 §3.6.2.2). */
    public static DkimParseResult<DkimKeyRecord> parse(String txt) {
        return smtp.auth.internal.dkim.KeyRecordSyntax.parse(txt);
    }

    /** RFC 6376 §3.6.1 p=: "An empty value means that this public key has been revoked." */
    public boolean revoked() {
        return publicKey.isEmpty();
    }

    /** {@code t=y}: "This domain is testing DKIM." */
    public boolean testing() {
        return flags.contains("y");
    }

    /** {@code t=s}: the {@code i=} domain must equal {@code d=}, not be a subdomain of it. */
    public boolean strict() {
        return flags.contains("s");
    }

    /** RFC 6376 §3.6.1 h=: true when absent or when it lists {@code hashName}. */
    public boolean allowsHash(String hashName) {
        return hashAlgorithms.isEmpty() || hashAlgorithms.contains(hashName);
    }

    /** RFC 6376 §3.6.1 s=: true when it lists {@code email} or {@code *}. */
    public boolean allowsEmail() {
        return serviceTypes.contains("email") || serviceTypes.contains("*");
    }

    /** The key size in bits: the RSA modulus length, or 256 for Ed25519 (0 when revoked). */
    public int keyBits() {
        return publicKey.map(k -> k instanceof RSAPublicKey r ? r.getModulus().bitLength() : 256).orElse(0);
    }
}
