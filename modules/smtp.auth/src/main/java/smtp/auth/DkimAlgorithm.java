package smtp.auth;

import java.util.Optional;

/**
 * A DKIM signing algorithm, the value of the {@code a=} tag.
 *
 * <pre>
 * sig-a-tag-alg   = sig-a-tag-k "-" sig-a-tag-h          ; RFC 6376 §3.5
 * sig-a-tag-k     = "rsa" / "ed25519" / x-sig-a-tag-k    ; "ed25519": RFC 8463 §4.1
 * sig-a-tag-h     = "sha1" / "sha256" / x-sig-a-tag-h
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 6376 §3.3.1 (rsa-sha1), §3.3.2 (rsa-sha256); RFC 8463 §3 (ed25519-sha256);
 * RFC 8301 §3.1: rsa-sha1 "MUST NOT be used for signing or verifying" — it is parsed so that
 * a verifier can say why it refuses it ({@link DkimResult.Policy}), and {@link DkimSigner}
 * cannot produce it.
 */
public enum DkimAlgorithm {

    /** RFC 6376 §3.3.1; obsolete for both signing and verifying (RFC 8301 §3.1). */
    RSA_SHA1("rsa-sha1", DkimKeyRecord.KeyType.RSA, "sha1", "SHA-1", "SHA1withRSA"),
    /** RFC 6376 §3.3.2: RSASSA-PKCS1-v1_5 over SHA-256. */
    RSA_SHA256("rsa-sha256", DkimKeyRecord.KeyType.RSA, "sha256", "SHA-256", "SHA256withRSA"),
    /** RFC 8463 §3: PureEdDSA Ed25519 over the SHA-256 hash of the signed data. */
    ED25519_SHA256("ed25519-sha256", DkimKeyRecord.KeyType.ED25519, "sha256", "SHA-256", "Ed25519");

    private final String tag;
    private final DkimKeyRecord.KeyType keyType;
    private final String hashName;
    private final String digest;
    private final String jcaSignature;

    DkimAlgorithm(String tag, DkimKeyRecord.KeyType keyType, String hashName, String digest, String jcaSignature) {
        this.tag = tag;
        this.keyType = keyType;
        this.hashName = hashName;
        this.digest = digest;
        this.jcaSignature = jcaSignature;
    }

    /** The {@code a=} value, e.g. {@code rsa-sha256}. */
    public String tag() {
        return tag;
    }

    /** The key type this algorithm needs ({@code k=} of the key record). */
    public DkimKeyRecord.KeyType keyType() {
        return keyType;
    }

    /** The hash name as the key record's {@code h=} tag lists it ({@code sha1}, {@code sha256}). */
    public String hashName() {
        return hashName;
    }

    /** The JCA {@link java.security.MessageDigest} name of the hash. */
    public String digestAlgorithm() {
        return digest;
    }

    /** The JCA {@link java.security.Signature} name. */
    public String jcaSignatureAlgorithm() {
        return jcaSignature;
    }

    /**
     * The algorithm named by an {@code a=} value. RFC 6376 §3.2: values are case-sensitive
     * unless the tag says otherwise, and §3.5 does not, so {@code RSA-SHA256} is unknown.
     */
    public static Optional<DkimAlgorithm> fromTag(String value) {
        for (DkimAlgorithm a : values()) {
            if (a.tag.equals(value)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
