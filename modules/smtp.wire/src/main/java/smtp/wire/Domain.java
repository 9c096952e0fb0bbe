package smtp.wire;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;

/**
 * A domain name as written on the wire, RFC 5321 §4.1.2, extended by RFC 6531 §3.3 to allow
 * U-labels:
 *
 * <pre>
 * Domain        = sub-domain *("." sub-domain)
 * sub-domain    = Let-dig [Ldh-str]  /  U-label     ; U-label per RFC 6531
 * Let-dig       = ALPHA / DIGIT
 * Ldh-str       = *( ALPHA / DIGIT / "-" ) Let-dig
 * </pre>
 *
 * Comparison of domains is case-insensitive (RFC 5321 §2.4); use {@link #equalsIgnoreCase}
 * or {@link #canonical()}. The record keeps the case the peer used, so that formatting gives
 * back what was parsed.
 *
 * @param name the domain, without a trailing dot, at most 255 octets (RFC 5321 §4.5.3.1.2);
 *             anything else, e.g. "_" in a label, is an {@link IllegalArgumentException}
 */
public record Domain(String name) implements Host {

    public Domain {
        Objects.requireNonNull(name, "name");
        // RFC 5321 §4.1.2 (with RFC 6531 §3.3) and §4.5.3.1.2: checked so that no Domain can
        // format into something else on the wire (a space, "&gt;", a parameter, a CRLF).
        if (!smtp.wire.internal.PathSyntax.isDomain(name)) {
            throw new IllegalArgumentException("RFC 5321 §4.1.2: not a Domain (LDH or U-labels, at most 255 octets): " + name);
        }
    }

    /** Parses a Domain (not an address literal). */
    public static ParseResult<Domain> parse(String text) {
        return smtp.wire.internal.PathSyntax.parseDomain(text);
    }

    /** Lower-case A-label form (IDNA ToASCII of every U-label), for lookups and comparisons. */
    public String canonical() {
        return asciiOrSelf().toLowerCase(Locale.ROOT);
    }

    /** True when every label is ASCII (no SMTPUTF8 needed to carry it). */
    public boolean isAscii() {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Case-insensitive comparison of the canonical forms (RFC 5321 §2.4). */
    public boolean equalsIgnoreCase(Domain other) {
        return canonical().equals(other.canonical());
    }

    private String asciiOrSelf() {
        if (isAscii()) {
            return name;
        }
        try {
            return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
