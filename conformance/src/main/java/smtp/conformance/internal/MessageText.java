package smtp.conformance.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Generated message text of an exact size for a scenario's {@code !body} step: lines of 'x',
 * each ending with CRLF, the whole ending with CRLF.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.3.1.6 (a text line is at most 1000 octets including CRLF: these lines are 78);
 * RFC 5321 §4.1.1.4 (the mail data ends with CRLF before the terminating ".", so the text
 * does); no line starts with ".", so no transparency stuffing (§4.5.2) is needed, and the
 * octets count the same for DATA and for BDAT (RFC 3030 §2).
 *
 * <h2>Diagnostics</h2>
 * Never throws; the octets are queued on the connection without being copied to the
 * transcript (the caller notes their size).
 */
final class MessageText {

    private static final byte[] LINE = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private MessageText() {
    }

    /** Queues {@code size} octets of text (at least 3, "x" CRLF, when {@code size} is 1 or 2). */
    static void queue(SmtpConnection c, long size) {
        long remaining = size;
        while (remaining > 0) {
            if (remaining >= LINE.length + 3) {
                c.queueQuietly(LINE);
                remaining -= LINE.length;
            } else {
                // The last line: at least "x" CRLF, so that the text ends with CRLF.
                int n = (int) Math.max(1, remaining - 2);
                byte[] last = new byte[n + 2];
                Arrays.fill(last, 0, n, (byte) 'x');
                last[n] = '\r';
                last[n + 1] = '\n';
                c.queueQuietly(last);
                remaining = 0;
            }
        }
    }
}
