package smtp.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import smtp.auth.internal.dkim.DomainNames;
import smtp.auth.internal.dkim.PemKeys;
import smtp.auth.internal.dkim.PublicKeyDecoder;

/**
 * A private key with the selector and domain it signs for (RFC 6376 §5.2), and the matching
 * public key, from which {@link #keyRecord()} makes the TXT record to publish.
 *
 * <h2>Standards</h2>
 * RFC 6376 §3.6.1 (the record), §5.2; RFC 8463 §4.2 (Ed25519 keys); RFC 8301 §3.1 (never
 * rsa-sha1) and §3.2 ("Signers MUST use RSA keys of at least 1024 bits for all keys. Signers
 * SHOULD use RSA keys of at least 2048 bits").
 *
 * <h2>Diagnostics</h2>
 * The loaders never throw for bad key text: they give {@link DkimParseResult.Invalid} (an
 * encrypted, public-only or unknown PEM, an RSA key under 1024 bits). The canonical
 * constructor throws {@link IllegalArgumentException} on inconsistent arguments.
 *
 * @param algorithm  rsa-sha256 or ed25519-sha256
 * @param privateKey the signing key (JCA "RSA" or "Ed25519"/"EdDSA")
 * @param publicKey  its public half
 * @param domain     {@code d=}, the SDID
 * @param selector   {@code s=}
 */
public record DkimSigningKey(DkimAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey, String domain, String selector) {

    public DkimSigningKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (algorithm == DkimAlgorithm.RSA_SHA1) {
            throw new IllegalArgumentException("RFC 8301 §3.1: rsa-sha1 MUST NOT be used for signing");
        }
        if (algorithm.keyType() == DkimKeyRecord.KeyType.RSA
                && (!(publicKey instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 1024)) {
            throw new IllegalArgumentException("RFC 8301 §3.2: signers MUST use RSA keys of at least 1024 bits");
        }
        if (algorithm.keyType() == DkimKeyRecord.KeyType.ED25519 && publicKey instanceof RSAPublicKey) {
            throw new IllegalArgumentException("ed25519-sha256 needs an Ed25519 key");
        }
        if (!DomainNames.isDomainName(domain, 2)) {
            throw new IllegalArgumentException("RFC 6376 §3.5 d=: not a domain name: " + domain);
        }
        if (!DomainNames.isDomainName(selector, 1)) {
            throw new IllegalArgumentException("RFC 6376 §3.1: not a selector: " + selector);
        }
    }

    /**
     * A key from PEM text: PKCS#8 "PRIVATE KEY" (RSA or Ed25519, as {@code openssl genpkey}
     * writes) or PKCS#1 "RSA PRIVATE KEY" (as {@code openssl genrsa} and
     * {@code opendkim-genkey} write). The algorithm follows the key type.
     */
    public static DkimParseResult<DkimSigningKey> fromPem(String pem, String domain, String selector) {
        return of(PemKeys.read(pem), domain, selector);
    }

    /** {@link #fromPem} of a file. */
    public static DkimParseResult<DkimSigningKey> load(Path pemFile, String domain, String selector) throws IOException {
        return fromPem(Files.readString(pemFile, StandardCharsets.US_ASCII), domain, selector);
    }

    /**
     * An Ed25519 key from its 32-octet seed (RFC 8032 §5.1.5 "private key"), the form dkimpy's
     * {@code dknewkey} writes as base64.
     */
    public static DkimParseResult<DkimSigningKey> ed25519FromSeed(byte[] seed, String domain, String selector) {
        return of(PemKeys.ed25519(seed), domain, selector);
    }

    private static DkimParseResult<DkimSigningKey> of(DkimParseResult<KeyPair> pair, String domain, String selector) {
        return switch (pair) {
            case DkimParseResult.Invalid<KeyPair> bad -> new DkimParseResult.Invalid<>(bad.reason());
            case DkimParseResult.Ok<KeyPair> ok -> {
                PublicKey pub = ok.value().getPublic();
                DkimAlgorithm a = pub instanceof RSAPublicKey ? DkimAlgorithm.RSA_SHA256 : DkimAlgorithm.ED25519_SHA256;
                try {
                    yield new DkimParseResult.Ok<>(new DkimSigningKey(a, ok.value().getPrivate(), pub, domain, selector));
                } catch (IllegalArgumentException e) {
                    yield new DkimParseResult.Invalid<>(e.getMessage()); // e.g. an RSA key under 1024 bits
                }
            }
        };
    }

    /** The DNS name to publish {@link #keyRecord()} at: {@code <selector>._domainkey.<domain>}. */
    public String keyName() {
        return selector + "._domainkey." + domain.toLowerCase(Locale.ROOT);
    }

    /**
     * The key record to publish (RFC 6376 §3.6.1): {@code v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo>}
     * or {@code v=DKIM1; k=ed25519; p=<32 octets>} (RFC 8463 §4.2).
     */
    public String keyRecord() {
        return "v=DKIM1; k=" + algorithm.keyType().tag() + "; p="
                + Base64.getEncoder().encodeToString(PublicKeyDecoder.encode(publicKey));
    }

    @Override
    public String toString() {
        return "DkimSigningKey[" + algorithm.tag() + ", d=" + domain + ", s=" + selector + "]";
    }
}
