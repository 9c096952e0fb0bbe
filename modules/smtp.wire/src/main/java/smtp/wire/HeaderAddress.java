package smtp.wire;

import java.util.List;

/**
 * An address in a header field, RFC 5322 §3.4: {@code address = mailbox / group}.
 * These are header addresses ({@code From:}, {@code To:}...), distinct from the envelope's
 * {@link Mailbox} (MAIL FROM, RCPT TO): DMARC aligns the two, and they often differ.
 */
public sealed interface HeaderAddress permits HeaderMailbox, HeaderGroup {

    /**
     * Parses an {@code address-list} (RFC 5322 §3.4), the value of To, Cc, Reply-To or a
     * From with several mailboxes; CFWS and the obsolete forms of §4.4 are accepted. A
     * malformed list gives {@link ParseResult.Invalid} with 550 5.6.0.
     */
    static ParseResult<List<HeaderAddress>> parseList(String fieldValue) {
        return smtp.wire.internal.AddressSyntax.parseList(fieldValue);
    }

    /** The mailboxes this address stands for (a group's members, or the mailbox itself). */
    List<HeaderMailbox> mailboxes();

    /**
     * This address in RFC 5322 §3.4 syntax, on one line, quoting only where needed;
     * {@link #parseList} of it gives this address back.
     */
    String format();

    /** The addresses in RFC 5322 §3.4 syntax, joined by {@code ", "}: an address-list value. */
    static String formatList(List<? extends HeaderAddress> addresses) {
        return smtp.wire.internal.AddressFormat.list(addresses);
    }
}
