package smtp.auth;

import java.util.List;
import java.util.Objects;
import smtp.auth.internal.dkim.DomainNames;
import smtp.auth.internal.dkim.SigningSession;
import smtp.wire.HeaderField;

/**
 * Signs messages with DKIM (RFC 6376 §5): rsa-sha256 and ed25519-sha256 (RFC 8463), one
 * signature per key, so that giving an RSA and an Ed25519 key double-signs (RFC 8463 §A.3).
 * Thread-safe; one instance serves all messages.
 *
 * <pre>{@code
 * DkimSigner signer = new DkimSigner(List.of(rsaKey, ed25519Key), DkimSignerOptions.defaults());
 * DkimSigning s = signer.newSigning();
 * s.write(message, 0, n);                  // as the message streams in
 * List<HeaderField> fields = s.finish();    // prepend these, in order
 * }</pre>
 *
 * <h2>Standards</h2>
 * RFC 6376 §3.7, §5.3–§5.6; RFC 8463 §3; RFC 8301 §3.1, §3.2 (rsa-sha256 only, RSA keys of
 * 1024 bits or more, enforced by {@link DkimSigningKey}).
 *
 * <h2>Diagnostics</h2>
 * The constructor throws {@link IllegalArgumentException} for no keys or an {@code i=} outside
 * a key's domain (RFC 6376 §3.5 i=).
 */
public final class DkimSigner {

    private final List<DkimSigningKey> keys;
    private final DkimSignerOptions options;
    private final int maxHeaderOctets;

    /** Signs with one key and {@link DkimSignerOptions#defaults()}. */
    public DkimSigner(DkimSigningKey key) {
        this(List.of(key), DkimSignerOptions.defaults());
    }

    public DkimSigner(List<DkimSigningKey> keys, DkimSignerOptions options) {
        this.keys = List.copyOf(keys);
        this.options = Objects.requireNonNull(options, "options");
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key");
        }
        for (DkimSigningKey k : this.keys) {
            options.identity().ifPresent(i -> {
                // RFC 6376 §3.5 i=: "The domain part of the address MUST be the same as, or a subdomain of, the value of the "d=" tag."
                if (!DomainNames.isSameOrSubdomain(i.substring(i.lastIndexOf('@') + 1), k.domain())) {
                    throw new IllegalArgumentException("i=" + i + " is not within d=" + k.domain());
                }
            });
        }
        this.maxHeaderOctets = 1 << 20;
    }

    /** A streaming signing of one message. */
    public DkimSigning newSigning() {
        return new DkimSigning(new SigningSession(keys, options, maxHeaderOctets));
    }

    /** Signs a whole message held in memory: the fields to prepend. */
    public List<HeaderField> sign(byte[] message) {
        DkimSigning s = newSigning();
        s.write(message, 0, message.length);
        return s.finish();
    }

    /** The keys, in signing order. */
    public List<DkimSigningKey> keys() {
        return keys;
    }
}
