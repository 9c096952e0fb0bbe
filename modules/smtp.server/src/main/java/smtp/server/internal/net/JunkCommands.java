package smtp.server.internal.net;

/**
 * Counts the commands that keep a session open without moving mail: NOOP, RSET, VRFY, EXPN and
 * HELP (Postfix's {@code smtpd_junk_command_limit}, which counts NOOP, VRFY, ETRN and RSET). Each
 * of them is harmless, and each restarts the command timeout, so a client that sends one every
 * few minutes would hold its connection for ever; beyond {@code limits.junk.commands} the
 * connection is closed with 421 4.7.0. The count starts afresh after each accepted message, so
 * a client that delivers mail over one long connection (with a RSET before each message) is
 * never cut off.
 *
 * <p>The I/O layer calls {@link #scan} with the octets it is about to give the session while the
 * session reads commands; the scan looks at the first four octets of each command line
 * (command verbs are case-insensitive, RFC 5321 §2.4) and stops at a command after which the
 * octets are not commands (DATA, BDAT, AUTH, STARTTLS: message text, a SASL response, a TLS
 * handshake).
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.3.2: the timeouts bound each command, not a session; §4.1.1.9 lets NOOP be sent
 * at any time, and §3.8 lets a server close a session that abuses this with 421.
 *
 * <p>Not thread-safe: one per connection.
 */
final class JunkCommands {

    /** A verb and the octet after it (SP, or CR of the line end). */
    private static final int SEEN = 5;

    private final int limit;
    private final byte[] seen = new byte[SEEN];
    private int seenLength;
    private int count;

    /** @param limit the junk commands allowed (the next one is refused) */
    JunkCommands(int limit) {
        this.limit = limit;
    }

    /**
     * Scans command octets. Returns the offset in {@code buf} of the line that goes over the
     * limit (the session must not see it or anything after it), or -1 when all may be given to
     * the session.
     */
    int scan(byte[] buf, int off, int len) {
        int lineStart = off;
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b != '\n') {
                if (seenLength < SEEN) {
                    seen[seenLength++] = (byte) (b >= 'a' && b <= 'z' ? b - 32 : b);
                }
                continue;
            }
            String verb = seenLength >= 4 ? new String(seen, 0, 4, java.nio.charset.StandardCharsets.US_ASCII) : "";
            // Only a verb followed by SP or the line end is that command ("NOOPS" is not NOOP).
            boolean whole = seenLength == 4 || seen[4] == ' ' || seen[4] == '\r';
            seenLength = 0;
            switch (verb) {
                case "NOOP", "RSET", "VRFY", "EXPN", "HELP" -> {
                    if (whole && ++count > limit) {
                        return lineStart;
                    }
                }
                // What follows these is message text, a SASL response or a TLS handshake.
                case "DATA", "BDAT", "AUTH", "STAR" -> {
                    return -1;
                }
                default -> {
                }
            }
            lineStart = i + 1;
        }
        return -1;
    }

    /** Forgets a partly seen line (the session read octets that were not scanned). */
    void resync() {
        seenLength = 0;
    }

    /** A message was accepted: the count starts afresh. */
    void reset() {
        count = 0;
    }

    /** The junk commands counted since the last accepted message. */
    int count() {
        return count;
    }
}
