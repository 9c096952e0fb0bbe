package smtp.auth;

import java.util.Objects;
import java.util.Optional;
import smtp.wire.HeaderField;

/**
 * The result of verifying one DKIM-Signature header field, named as Authentication-Results
 * names DKIM results (RFC 8601 §2.7.1). A message has one result per DKIM-Signature field,
 * top to bottom; a message with none has the result "none" (an empty list).
 *
 * <table>
 * <caption>When each result is given</caption>
 * <tr><th>Result</th><th>RFC 8601 §2.7.1</th><th>Here</th></tr>
 * <tr><td>{@link Pass}</td><td>signature verified</td><td>body hash and signature verify with an
 *   acceptable key</td></tr>
 * <tr><td>{@link Fail}</td><td>"failed the verification test(s)"</td><td>body hash mismatch,
 *   signature mismatch, l= larger than the body</td></tr>
 * <tr><td>{@link Policy}</td><td>"some aspect of the signature ... was not acceptable"</td>
 *   <td>rsa-sha1 or an RSA key under 1024 bits that did verify (RFC 8301), an expired x=, an RSA
 *   key over the size limit, signatures beyond the per-message limit</td></tr>
 * <tr><td>{@link Neutral}</td><td>"syntax errors or were not otherwise able to be processed"</td>
 *   <td>DKIM-Signature syntax error, missing tag, unknown version, algorithm, canonicalization
 *   or query method, i= outside d=, From not signed (RFC 6376 §6.1.1)</td></tr>
 * <tr><td>{@link TempError}</td><td>"temporary (recoverable) error"</td><td>the key lookup failed
 *   temporarily (RFC 6376 §6.1.2 step 2): never {@link Fail}</td></tr>
 * <tr><td>{@link PermError}</td><td>"error that is unrecoverable"</td><td>no key record, key
 *   syntax error, revoked key, key h=/k=/s=/t=s mismatch (RFC 6376 §6.1.2)</td></tr>
 * </table>
 */
public sealed interface DkimResult permits DkimResult.Pass, DkimResult.Fail, DkimResult.Policy,
        DkimResult.Neutral, DkimResult.TempError, DkimResult.PermError {

    /** The DKIM-Signature field this result is about. */
    HeaderField field();

    /** Why (empty for a plain pass): the RFC 6376 explanation, e.g. "body hash did not verify". */
    String reason();

    /** The RFC 8601 result keyword: pass, fail, policy, neutral, temperror or permerror. */
    default String keyword() {
        return switch (this) {
            case Pass p -> "pass";
            case Fail f -> "fail";
            case Policy p -> "policy";
            case Neutral n -> "neutral";
            case TempError t -> "temperror";
            case PermError p -> "permerror";
        };
    }

    /** The parsed signature, when the field parsed (every result but some {@link Neutral}s). */
    default Optional<DkimSignature> signature() {
        return switch (this) {
            case Pass p -> Optional.of(p.parsed());
            case Fail f -> Optional.of(f.parsed());
            case Policy p -> Optional.of(p.parsed());
            case Neutral n -> n.parsed();
            case TempError t -> Optional.of(t.parsed());
            case PermError p -> Optional.of(p.parsed());
        };
    }

    /**
     * The signature verified.
     *
     * @param key the key record used; {@link DkimKeyRecord#testing()} means the signer is only
     *            testing (RFC 6376 §3.6.1 t=y: treat like unsigned mail)
     */
    record Pass(HeaderField field, DkimSignature parsed, DkimKeyRecord key) implements DkimResult {
        public Pass {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(parsed, "parsed");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String reason() {
            return key.testing() ? "key in testing mode (t=y)" : "";
        }
    }

    /** The signature or body hash did not verify. */
    record Fail(HeaderField field, DkimSignature parsed, String reason) implements DkimResult {
        public Fail {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(parsed, "parsed");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The signature is not acceptable to this verifier (see the table above). */
    record Policy(HeaderField field, DkimSignature parsed, String reason) implements DkimResult {
        public Policy {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(parsed, "parsed");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The DKIM-Signature field cannot be processed (see the table above). */
    record Neutral(HeaderField field, Optional<DkimSignature> parsed, String reason) implements DkimResult {
        public Neutral {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(parsed, "parsed");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The key could not be fetched now; try later. */
    record TempError(HeaderField field, DkimSignature parsed, String reason) implements DkimResult {
        public TempError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(parsed, "parsed");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The key record is missing, malformed, revoked or unsuitable. */
    record PermError(HeaderField field, DkimSignature parsed, String reason) implements DkimResult {
        public PermError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(parsed, "parsed");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
