package smtp.auth;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import smtp.auth.internal.dkim.KeyCache;
import smtp.auth.internal.dkim.VerificationSession;
import smtp.dns.Resolver;

/**
 * Verifies DKIM signatures (RFC 6376 §6) with rsa-sha256 and ed25519-sha256 (RFC 8463),
 * fetching keys through a {@link Resolver}. Thread-safe; one instance serves all messages.
 *
 * <pre>{@code
 * DkimVerifier verifier = new DkimVerifier(resolver);
 * DkimVerification v = verifier.newVerification();
 * v.write(chunk, 0, n);                 // as DATA arrives, after dot-unstuffing
 * List<DkimResult> results = v.finish(); // one per DKIM-Signature field
 * }</pre>
 *
 * <h2>Standards</h2>
 * RFC 6376 §3.4–§3.7, §6.1; RFC 8463 §3, §4; RFC 8301 §3.1, §3.2 (rsa-sha1 and RSA keys under
 * 1024 bits never pass); RFC 8601 §2.7.1 (result names).
 *
 * <h2>Diagnostics</h2>
 * Never throws for message or DNS content: every problem is a {@link DkimResult}. A DNS
 * temporary failure is {@link DkimResult.TempError}, never {@link DkimResult.Fail}.
 */
public final class DkimVerifier {

    private final Resolver resolver;
    private final DkimVerifierOptions options;
    private final KeyCache keys = new KeyCache();

    /** A verifier with {@link DkimVerifierOptions#defaults()}. */
    public DkimVerifier(Resolver resolver) {
        this(resolver, DkimVerifierOptions.defaults());
    }

    public DkimVerifier(Resolver resolver, DkimVerifierOptions options) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A streaming verification of one message. */
    public DkimVerification newVerification() {
        return new DkimVerification(new VerificationSession(resolver, options, keys));
    }

    /** Verifies a whole message held in memory (CRLF line ends). */
    public List<DkimResult> verify(byte[] message) {
        DkimVerification v = newVerification();
        v.write(message, 0, message.length);
        return v.finish();
    }

    /** Verifies a message read from {@code in} to its end. */
    public List<DkimResult> verify(InputStream in) throws IOException {
        DkimVerification v = newVerification();
        byte[] buf = new byte[16 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            v.write(buf, 0, n);
        }
        return v.finish();
    }

    /** The options in force. */
    public DkimVerifierOptions options() {
        return options;
    }
}
