package smtp.auth.internal.dkim;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smtp.auth.DkimAlgorithm;
import smtp.auth.DkimCanonicalization;
import smtp.auth.DkimKeyRecord;
import smtp.auth.DkimParseResult;
import smtp.auth.DkimResult;
import smtp.auth.DkimSignature;
import smtp.auth.DkimVerifierOptions;
import smtp.dns.DnsResult;
import smtp.dns.Resolver;
import smtp.wire.HeaderField;

/**
 * Evaluates one parsed DKIM-Signature once the body hash is known: RFC 6376 §6.1.1 (the
 * checks that need the clock), §6.1.2 (get and validate the key), §6.1.3 (compare the body
 * hash, verify the signature), then RFC 8301's acceptability rules.
 *
 * <h2>Diagnostics</h2>
 * Never throws for anything a message or a DNS answer contains; see {@link DkimResult} for
 * which result each problem gives.
 */
public final class SignatureCheck {

    private final Resolver resolver;
    private final DkimVerifierOptions options;
    private final KeyCache keys;

    public SignatureCheck(Resolver resolver, DkimVerifierOptions options, KeyCache keys) {
        this.resolver = resolver;
        this.options = options;
        this.keys = keys;
    }

    /**
     * @param fields     the message's header fields, top to bottom
     * @param index      the position of {@code field} in {@code fields}
     * @param bodyHash   the body hash computed with this signature's c=, a= and l=
     * @param bodyLength the canonicalized body length
     * @param lookups    DNS answers already fetched for this message, by key name
     */
    public DkimResult check(HeaderField field, DkimSignature sig, List<HeaderField> fields, int index,
            byte[] bodyHash, long bodyLength, Map<String, DnsResult<String>> lookups) {
        // RFC 6376 §6.1.1: "Verifiers MAY ignore the DKIM-Signature header field and return
        // PERMFAIL (signature expired) if it contains an "x=" tag and the signature has expired."
        Instant now = options.clock().instant();
        if (sig.expiration().isPresent() && now.isAfter(sig.expiration().get().plus(options.expiryGrace()))) {
            return new DkimResult.Policy(field, sig, "signature expired (x=" + sig.expiration().get().getEpochSecond() + ")");
        }
        // RFC 6376 §6.1.2 step 1: query <s>._domainkey.<d> (q=dns/txt, §3.6.2.1).
        String name = sig.keyName();
        DnsResult<String> answer = lookups.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> resolver.txt(name));
        List<String> records;
        switch (answer) {
            // §6.1.2 step 2: "fails to respond ... TEMPFAIL (key unavailable)" — never a failure.
            case DnsResult.TempFail<String> t -> {
                return new DkimResult.TempError(field, sig, "key unavailable: " + t.reason());
            }
            // §6.1.2 step 3: "MUST immediately return PERMFAIL (no key for signature)".
            case DnsResult.NxDomain<String> n -> {
                return new DkimResult.PermError(field, sig, "no key for signature (" + name + ": NXDOMAIN)");
            }
            case DnsResult.NoData<String> n -> {
                return new DkimResult.PermError(field, sig, "no key for signature (" + name + ": no TXT record)");
            }
            case DnsResult.Records<String> r -> records = r.records();
        }
        // §6.1.2 step 4: with several records, "the Verifier can choose one of the key records":
        // the first that parses; step 5: malformed records are ignored (PERMFAIL key syntax error).
        DkimKeyRecord key = null;
        String syntaxError = null;
        for (String txt : records) {
            DkimParseResult<DkimKeyRecord> parsed = keys.parse(txt);
            if (parsed instanceof DkimParseResult.Ok<DkimKeyRecord> ok) {
                key = ok.value();
                break;
            }
            if (syntaxError == null) {
                syntaxError = ((DkimParseResult.Invalid<DkimKeyRecord>) parsed).reason();
            }
        }
        if (key == null) {
            return new DkimResult.PermError(field, sig, syntaxError);
        }
        Optional<DkimResult> unsuitable = unsuitableKey(field, sig, key);
        if (unsuitable.isPresent()) {
            return unsuitable.get();
        }
        // §6.1.3 step 3: "If the hash does not match, the Verifier SHOULD ignore the signature and
        // return PERMFAIL (body hash did not verify)."
        if (sig.bodyLength().isPresent() && sig.bodyLength().getAsLong() > bodyLength) {
            // §3.5 l=: "This value MUST NOT be larger than the actual number of octets in the canonicalized message body."
            return new DkimResult.Fail(field, sig, "l=" + sig.bodyLength().getAsLong() + " exceeds the canonicalized body ("
                    + bodyLength + " octets)");
        }
        if (!MessageDigest.isEqual(bodyHash, sig.bodyHash())) {
            return new DkimResult.Fail(field, sig, "body hash did not verify");
        }
        PublicKey publicKey = key.publicKey().orElseThrow();
        if (key.keyType() == DkimKeyRecord.KeyType.RSA && key.keyBits() > options.maxRsaKeyBits()) {
            return new DkimResult.Policy(field, sig, "RSA key of " + key.keyBits() + " bits exceeds the limit of "
                    + options.maxRsaKeyBits());
        }
        // §6.1.3 step 4: verify b= over the header hash; "If the signature does not validate, the
        // Verifier SHOULD ignore the signature and return PERMFAIL (signature did not verify)."
        byte[] data = signedData(sig, fields, index, field);
        if (!verifySignature(sig.algorithm(), publicKey, data, sig.signature())) {
            return new DkimResult.Fail(field, sig, "signature did not verify");
        }
        // RFC 8301 §3.1: "rsa-sha1 MUST NOT be used for signing or verifying."
        if (sig.algorithm() == DkimAlgorithm.RSA_SHA1) {
            return new DkimResult.Policy(field, sig, "rsa-sha1 is not acceptable (RFC 8301 §3.1)");
        }
        // RFC 8301 §3.2: "Verifiers MUST NOT consider signatures using RSA keys of less than 1024 bits as valid signatures."
        if (key.keyType() == DkimKeyRecord.KeyType.RSA && key.keyBits() < options.minRsaKeyBits()) {
            return new DkimResult.Policy(field, sig, "RSA key of " + key.keyBits() + " bits is under "
                    + options.minRsaKeyBits() + " (RFC 8301 §3.2)");
        }
        return new DkimResult.Pass(field, sig, key);
    }

    /** RFC 6376 §6.1.2 steps 6–8 and the s= and t=s rules of §3.6.1; empty when the key is usable. */
    private static Optional<DkimResult> unsuitableKey(HeaderField field, DkimSignature sig, DkimKeyRecord key) {
        // §6.1.2 step 6: PERMFAIL (inappropriate hash algorithm)
        if (!key.allowsHash(sig.algorithm().hashName())) {
            return Optional.of(new DkimResult.PermError(field, sig, "inappropriate hash algorithm (key h="
                    + String.join(":", key.hashAlgorithms()) + ")"));
        }
        // §6.1.2 step 7: "the Verifier MUST treat this as a failed signature check and return PERMFAIL (key revoked)"
        if (key.revoked()) {
            return Optional.of(new DkimResult.PermError(field, sig, "key revoked"));
        }
        // §6.1.2 step 8: PERMFAIL (inappropriate key algorithm)
        if (key.keyType() != sig.algorithm().keyType()) {
            return Optional.of(new DkimResult.PermError(field, sig, "inappropriate key algorithm (k=" + key.keyType().tag()
                    + " for a=" + sig.algorithm().tag() + ")"));
        }
        // §3.6.1 s=: "Verifiers for a given service type MUST ignore this record if the appropriate type is not listed."
        if (!key.allowsEmail()) {
            return Optional.of(new DkimResult.PermError(field, sig, "key not for email (s="
                    + String.join(":", key.serviceTypes()) + ")"));
        }
        // §3.6.1 t=s: "the "i=" domain MUST NOT be a subdomain of "d="."
        if (key.strict() && !sig.auidDomain().equalsIgnoreCase(sig.domain())) {
            return Optional.of(new DkimResult.PermError(field, sig, "i= domain differs from d= but the key requires t=s"));
        }
        return Optional.empty();
    }

    /**
     * RFC 6376 §3.7 hash step 2: the h= fields, canonicalized, each with its CRLF, then this
     * DKIM-Signature field without the b= value and without its final CRLF.
     */
    static byte[] signedData(DkimSignature sig, List<HeaderField> fields, int index, HeaderField field) {
        List<HeaderField> others = fields;
        if (index >= 0) {
            others = new java.util.ArrayList<>(fields);
            others.remove(index);
        }
        return signedData(sig.headerCanonicalization(), sig.signedHeaders(), others, field.raw());
    }

    /**
     * The data of §3.7 step 2 for signing and verifying alike.
     *
     * @param fields   the header fields, top to bottom, without the signature field itself
     *                 (§3.5 h=: it "MUST NOT include the DKIM-Signature header field that is
     *                 being created or verified")
     * @param sigField the raw signature field (its b= value is removed here)
     */
    static byte[] signedData(DkimCanonicalization c, List<String> h, List<HeaderField> fields, byte[] sigField) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        for (HeaderField f : HeaderSelection.select(fields, h)) {
            HeaderCanonicalizer.canonicalize(c, f.raw(), out);
        }
        out.writeBytes(HeaderCanonicalizer.signatureFieldForHash(c, sigField));
        return out.toByteArray();
    }

    private static boolean verifySignature(DkimAlgorithm a, PublicKey key, byte[] data, byte[] b) {
        try {
            Signature s = Signature.getInstance(a.jcaSignatureAlgorithm());
            s.initVerify(key);
            s.update(a == DkimAlgorithm.ED25519_SHA256 ? sha256(data) : data);
            return s.verify(b);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A b= of the wrong length or a key the provider rejects: the signature did not verify.
            return false;
        }
    }

    /** RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data, not the data itself. */
    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
