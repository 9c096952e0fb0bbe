package smtp.wire;

/**
 * The argument of RCPT TO, RFC 5321 §4.1.2 and §4.1.1.3:
 * {@code ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path )} where
 * {@code Forward-path = Path}. {@code <Postmaster@domain>} is an ordinary {@link Path}.
 */
public sealed interface ForwardPath permits Path, Postmaster {

    /** The wire form with angle brackets. */
    String toString();

    /** Parses a forward-path or {@code <Postmaster>}, with the angle brackets. */
    static ParseResult<ForwardPath> parse(String text) {
        return smtp.wire.internal.PathSyntax.parseForwardPath(text);
    }
}
