package smtp.wire;

import java.nio.charset.StandardCharsets;

/**
 * An SMTP command, RFC 5321 §4.1.1, plus the extension commands STARTTLS (RFC 3207),
 * AUTH (RFC 4954) and BDAT (RFC 3030). Verbs are case-insensitive (RFC 5321 §2.4).
 * {@link Unknown} keeps parsing total: a verb this module does not know is still a command,
 * and the session answers it with 500 (or 502 when it is known but not implemented).
 */
public sealed interface Command
        permits Ehlo, Helo, Mail, Rcpt, Data, Bdat, Rset, Vrfy, Expn, Help, Noop, Quit, StartTls, Auth, Unknown {

    /** The verb in upper case, e.g. {@code "MAIL"}. */
    String verb();

    /** The command line in wire form, without the CRLF. */
    String format();

    /** The command line in wire form with its CRLF, as UTF-8 octets. */
    default byte[] toBytes() {
        return (format() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses one command line given without its CRLF. Never throws: the {@link ParseResult.Invalid}
     * carries the reply RFC 5321 §4.1 and §4.5.3.1.4 prescribe: 500 5.5.6 for a line over 512
     * octets (12288 for AUTH), 500 5.5.2 for a line that is not UTF-8 or holds a control
     * character, 501 5.5.4 for bad arguments or a malformed or repeated MAIL/RCPT parameter,
     * 501 5.1.7 for a bad reverse-path and 501 5.1.3 for a bad forward-path (also "Path too
     * long" and over-long local-parts and domains), 553 5.6.7 for a non-ASCII reverse-path
     * without SMTPUTF8. Unknown parameters are no error here: they are kept for the session,
     * which answers 555 (RFC 5321 §4.1.1.11). See {@code smtp.wire.internal.CommandSyntax}.
     */
    static ParseResult<Command> parse(byte[] line, int offset, int length) {
        return smtp.wire.internal.CommandSyntax.parse(line, offset, length);
    }

    /** {@link #parse(byte[], int, int)} of a whole array. */
    static ParseResult<Command> parse(byte[] line) {
        return parse(line, 0, line.length);
    }

    /** Parses a command line given as a string without its CRLF. */
    static ParseResult<Command> parse(String line) {
        return parse(line.getBytes(StandardCharsets.UTF_8));
    }
}
