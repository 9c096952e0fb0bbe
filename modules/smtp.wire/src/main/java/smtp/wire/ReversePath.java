package smtp.wire;

/**
 * The argument of MAIL FROM, RFC 5321 §4.1.2:
 * {@code Reverse-path = Path / "<>"}. The null reverse-path {@code <>} is used for
 * notifications that must never be answered by another notification (§4.5.5).
 */
public sealed interface ReversePath permits Path, NullPath {

    /** The wire form with angle brackets. */
    String toString();

    /** Parses {@code Path / "<>"}, with the angle brackets. */
    static ParseResult<ReversePath> parse(String text) {
        return smtp.wire.internal.PathSyntax.parseReversePath(text);
    }
}
