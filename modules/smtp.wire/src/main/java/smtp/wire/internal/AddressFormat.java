package smtp.wire.internal;

import java.util.List;
import java.util.stream.Collectors;
import smtp.wire.AddrSpec;
import smtp.wire.HeaderAddress;
import smtp.wire.HeaderGroup;
import smtp.wire.HeaderMailbox;

/**
 * Writes header addresses back in RFC 5322 §3.4 syntax, choosing the plainest form that
 * {@link AddressSyntax} reads back to the same value: a local part or display name is written
 * as atoms when it is made of them, otherwise as a quoted-string.
 *
 * <pre>
 * dot-atom-text   =   1*atext *("." 1*atext)
 * quoted-string   =   DQUOTE *qcontent DQUOTE
 * qcontent        =   qtext / quoted-pair
 * quoted-pair     =   ("\" (VCHAR / WSP)) / obs-qp
 * </pre>
 *
 * The values never contain CR, LF or NUL (the records refuse them), so the output is always
 * one line and safe to put in a header field.
 */
public final class AddressFormat {

    private AddressFormat() {
    }

    /** {@code local-part "@" domain}, quoting the local part when it is not a dot-atom. */
    public static String addrSpec(AddrSpec a) {
        String local = isDotAtomText(a.localPart()) ? a.localPart() : quoted(a.localPart());
        return local + "@" + a.domain();
    }

    /** {@code addr-spec}, or {@code display-name "<" addr-spec ">"} when there is a name. */
    public static String mailbox(HeaderMailbox m) {
        return m.displayName().map(n -> phrase(n) + " <" + addrSpec(m.addrSpec()) + ">")
                .orElseGet(() -> addrSpec(m.addrSpec()));
    }

    /** {@code display-name ":" [mailbox-list] ";"}. */
    public static String group(HeaderGroup g) {
        return phrase(g.displayName()) + ":"
                + g.members().stream().map(AddressFormat::mailbox).collect(Collectors.joining(", ", g.members().isEmpty() ? "" : " ", ""))
                + ";";
    }

    /** The addresses joined by {@code ", "}. */
    public static String list(List<? extends HeaderAddress> addresses) {
        return addresses.stream().map(HeaderAddress::format).collect(Collectors.joining(", "));
    }

    /** A display name: atoms separated by single spaces as they are, anything else quoted. */
    static String phrase(String name) {
        if (name.isEmpty()) {
            return "\"\"";
        }
        for (String word : name.split(" ", -1)) {
            if (!isAtomText(word)) {
                return quoted(name);
            }
        }
        return name;
    }

    /** {@code DQUOTE *qcontent DQUOTE}: backslash before DQUOTE, backslash and controls other than HTAB. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7F) {
                sb.append('\\'); // quoted-pair / obs-qp (RFC 5322 §3.2.1, §4.1)
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** {@code 1*atext}. */
    static boolean isAtomText(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!AddressLexer.isAtext(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code dot-atom-text = 1*atext *("." 1*atext)}. */
    static boolean isDotAtomText(String s) {
        for (String atom : s.split("\\.", -1)) {
            if (!isAtomText(atom)) {
                return false;
            }
        }
        return true;
    }
}
