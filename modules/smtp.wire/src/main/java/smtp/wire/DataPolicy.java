package smtp.wire;

/**
 * What the DATA reader does with input that RFC 5321 §2.3.8 and §4.1.1.4 forbid but that
 * real clients send. The defaults are safe: reject, so that no byte sequence other than
 * CRLF.CRLF can be read as the end of the message by this or any downstream server (the
 * SMTP-smuggling defence, as Postfix's {@code smtpd_forbid_bare_newline}).
 *
 * @param rejectBareLf      reject the message if a LF is not preceded by CR (default true)
 * @param rejectBareCr      reject the message if a CR is not followed by LF (default true)
 * @param rejectNul         reject the message if it contains NUL (default true)
 * @param maxTextLine       the longest text line in octets including CRLF; 0 = no limit
 *                          (default 1000, RFC 5321 §4.5.3.1.6)
 * @param maxMessageSize    the largest message in octets after unstuffing; 0 = no limit
 *                          (RFC 1870; exceeding it gives 552 5.3.4)
 */
public record DataPolicy(boolean rejectBareLf, boolean rejectBareCr, boolean rejectNul,
                         int maxTextLine, long maxMessageSize) {

    /** Reject bare CR, bare LF and NUL; lines up to 1000 octets; no size limit. */
    public static final DataPolicy STRICT = new DataPolicy(true, true, true, Limits.TEXT_LINE, 0);

    public DataPolicy {
        if (maxTextLine < 0 || maxMessageSize < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
    }

    /** The same policy with another text-line limit (octets including CRLF; 0 = none). */
    public DataPolicy withMaxTextLine(int octets) {
        return new DataPolicy(rejectBareLf, rejectBareCr, rejectNul, octets, maxMessageSize);
    }

    /** The same policy with another size limit. */
    public DataPolicy withMaxMessageSize(long size) {
        return new DataPolicy(rejectBareLf, rejectBareCr, rejectNul, maxTextLine, size);
    }
}
