package smtp.session.internal.server;

import java.util.Optional;
import smtp.wire.DataPolicy;
import smtp.wire.Replies;
import smtp.wire.Reply;

/**
 * Applies a {@link DataPolicy} to BDAT content, which is not dot-stuffed (RFC 3030 §2) and so
 * does not pass through {@link smtp.wire.DataDecoder}: bare LF, bare CR and NUL are refused as in
 * DATA, so that a message taken in by BDAT cannot carry a sequence that a later hop reading
 * DATA would mistake for the end of the message. State carries across chunks.
 *
 * <h2>Standards</h2>
 * RFC 5321 §2.3.8 (CRLF only), §4.5.3.1.6 (text line 1000 octets).
 */
final class ContentInspector {

    private final DataPolicy policy;
    private boolean afterCr;
    private long lineLength;
    private Reply violation;

    ContentInspector(DataPolicy policy) {
        this.policy = policy;
    }

    void inspect(byte[] buf, int off, int len) {
        for (int i = off; i < off + len && violation == null; i++) {
            byte b = buf[i];
            lineLength++;
            if (afterCr && b != '\n' && policy.rejectBareCr()) {
                violation = Replies.BARE_LINE_ENDING;
            } else if (b == '\n') {
                if (!afterCr && policy.rejectBareLf()) {
                    violation = Replies.BARE_LINE_ENDING;
                }
                lineLength = 0;
            } else if (b == 0 && policy.rejectNul()) {
                violation = Replies.BARE_LINE_ENDING;
            } else if (b != '\r' && policy.maxTextLine() > 0 && lineLength > policy.maxTextLine() - 2) {
                // RFC 5321 §4.5.3.1.6: at most 1000 octets including the CRLF.
                violation = Replies.TEXT_LINE_TOO_LONG;
            }
            afterCr = b == '\r';
        }
    }

    /** At the end of the message: a final CR without LF is a bare CR. */
    void end() {
        if (violation == null && afterCr && policy.rejectBareCr()) {
            violation = Replies.BARE_LINE_ENDING;
        }
    }

    Optional<Reply> violation() {
        return Optional.ofNullable(violation);
    }
}
