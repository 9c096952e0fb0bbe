package smtp.auth;

import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import smtp.auth.internal.dkim.SigningSession;
import smtp.wire.HeaderField;

/**
 * The DKIM signing of one message, fed as the message streams in: write the message (CRLF
 * line ends, not dot-stuffed), then {@link #finish()} gives the DKIM-Signature fields to
 * insert at the top of the header section, in order (RFC 6376 §5.6: "before any other
 * DKIM-Signature fields"). Only the header section is kept; the body is hashed on the fly.
 * Not thread-safe: one writer.
 *
 * <h2>Diagnostics</h2>
 * Never throws for message content: a header section that cannot be parsed or exceeds the
 * limit gives no fields and a {@link #problem()}. {@link #write} after {@link #finish()} or
 * {@link #close()} throws {@link IllegalStateException}.
 */
public final class DkimSigning extends OutputStream {

    private final SigningSession session;
    private boolean closed;

    DkimSigning(SigningSession session) {
        this.session = session;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IllegalStateException("signing already finished");
        }
        session.write(b, off, len);
    }

    /** Ends the message: one DKIM-Signature field per key, topmost first; idempotent. */
    public List<HeaderField> finish() {
        closed = true;
        return session.finish();
    }

    /** Why nothing was signed, when the header section was too large or malformed. */
    public Optional<String> problem() {
        return session.problem();
    }

    /** Stops accepting octets without signing. */
    @Override
    public void close() {
        closed = true;
    }
}
