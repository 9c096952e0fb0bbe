package smtp.wire;

/**
 * What may follow the "@" of a {@link Mailbox}, and what EHLO names:
 * {@code ( Domain / address-literal )}, RFC 5321 §4.1.2.
 */
public sealed interface Host permits Domain, AddressLiteral {

    /** The wire form: the domain, or the literal in square brackets. */
    String toString();

    /**
     * Parses {@code Domain / address-literal}. Domains may contain U-labels (RFC 6531 §3.3);
     * whether that is allowed in a given transaction is the session's decision.
     */
    static ParseResult<Host> parse(String text) {
        return smtp.wire.internal.PathSyntax.parseHost(text);
    }
}
