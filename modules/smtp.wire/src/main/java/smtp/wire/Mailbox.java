package smtp.wire;

import java.util.Objects;

/**
 * An envelope mailbox, RFC 5321 §4.1.2 (with the UTF-8 extensions of RFC 6531 §3.3):
 *
 * <pre>
 * Mailbox        = Local-part "@" ( Domain / address-literal )
 * Local-part     = Dot-string / Quoted-string
 * Dot-string     = Atom *("."  Atom)
 * Atom           = 1*atext
 * Quoted-string  = DQUOTE *QcontentSMTP DQUOTE
 * QcontentSMTP   = qtextSMTP / quoted-pairSMTP
 * quoted-pairSMTP  = %d92 %d32-126
 * qtextSMTP      = %d32-33 / %d35-91 / %d93-126
 * </pre>
 *
 * This is the envelope (MAIL FROM / RCPT TO), not the {@code From:} header: see
 * {@link HeaderMailbox} for RFC 5322 addresses.
 *
 * @param localPart the Local-part exactly as on the wire (a Quoted-string keeps its quotes
 *                  and backslashes), at most 64 octets (RFC 5321 §4.5.3.1.1)
 * @param host      the Domain or address-literal after the "@"
 */
public record Mailbox(String localPart, Host host) {

    public Mailbox {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(host, "host");
        // RFC 5321 §4.1.2: Local-part = Dot-string / Quoted-string. Checked here so that no
        // Mailbox can format into something else on the wire (e.g. a space or "&gt;" injected).
        if (!smtp.wire.internal.PathSyntax.isLocalPart(localPart)) {
            throw new IllegalArgumentException("RFC 5321 §4.1.2: not a Dot-string or Quoted-string: " + localPart);
        }
    }

    /** Parses {@code Local-part "@" ( Domain / address-literal )} (no angle brackets). */
    public static ParseResult<Mailbox> parse(String text) {
        return smtp.wire.internal.PathSyntax.parseMailbox(text);
    }

    /**
     * The local part with a Quoted-string's quotes and quoted-pairs removed. RFC 5321 §2.4:
     * local parts are case-sensitive for the host that owns them; only that host may fold case.
     */
    public String unquotedLocalPart() {
        return smtp.wire.internal.PathSyntax.unquote(localPart);
    }

    /** True when the local part was written as a Quoted-string. */
    public boolean isQuoted() {
        return localPart.startsWith("\"");
    }

    /** True when local part and domain are ASCII (no SMTPUTF8 needed, RFC 6531 §3.2). */
    public boolean isAscii() {
        for (int i = 0; i < localPart.length(); i++) {
            if (localPart.charAt(i) >= 0x80) {
                return false;
            }
        }
        return !(host instanceof Domain d && !d.isAscii());
    }

    /** {@code local-part@host}, the wire form without angle brackets. */
    @Override
    public String toString() {
        return localPart + "@" + host;
    }
}
