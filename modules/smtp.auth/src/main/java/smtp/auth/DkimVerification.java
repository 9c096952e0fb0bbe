package smtp.auth;

import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import smtp.auth.internal.dkim.VerificationSession;

/**
 * The DKIM verification of one message, fed as the message streams in: the server writes the
 * DATA (or BDAT) octets into it, after dot-unstuffing, as they arrive; {@link #finish()} then
 * looks up the keys and returns one {@link DkimResult} per DKIM-Signature field.
 *
 * <p>Only the header section is kept (bounded by {@link DkimVerifierOptions#maxHeaderOctets()});
 * the body is canonicalized and hashed on the fly, for every distinct body hash the signatures
 * ask for, and never copied (RFC 6376 §3.7 hash step 1). Not thread-safe: one writer.
 *
 * <h2>Standards</h2>
 * RFC 6376 §6 (verifier actions), §3.7 (the hashes), RFC 8463, RFC 8301.
 *
 * <h2>Diagnostics</h2>
 * Never throws for message content; {@link #write} after {@link #finish()} or {@link #close()}
 * throws {@link IllegalStateException}.
 */
public final class DkimVerification extends OutputStream {

    private final VerificationSession session;
    private boolean closed;

    DkimVerification(VerificationSession session) {
        this.session = session;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IllegalStateException("verification already finished");
        }
        session.write(b, off, len);
    }

    /**
     * Ends the message and verifies: one result per DKIM-Signature field, top to bottom (empty:
     * no signature, "none"). Looks up keys through the resolver; idempotent.
     */
    public List<DkimResult> finish() {
        closed = true;
        return session.finish();
    }

    /** Why no signature was looked at, when the header section was too large or malformed. */
    public Optional<String> problem() {
        return session.problem();
    }

    /** Stops accepting octets; does not verify (call {@link #finish()} for results). */
    @Override
    public void close() {
        closed = true;
    }
}
