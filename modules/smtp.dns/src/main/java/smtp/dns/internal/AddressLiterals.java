package smtp.dns.internal;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Parses the address literals of RFC 5321 §4.1.3 that name a delivery address without DNS.
 *
 * <pre>
 * address-literal  = "[" ( IPv4-address-literal /
 *                    IPv6-address-literal /
 *                    General-address-literal ) "]"
 * IPv4-address-literal  = Snum 3("."  Snum)
 * IPv6-address-literal  = "IPv6:" IPv6-addr
 * General-address-literal  = Standardized-tag ":" 1*dcontent
 * Snum           = 1*3DIGIT
 *                ; representing a decimal integer
 *                ; value in the range 0 through 255
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.3 (the ABNF above; {@code "IPv6:"} is case-insensitive as every ABNF string is,
 * RFC 5234 §2.3), RFC 5321 §2.3.4 and §4.1.2 (a literal is used instead of a domain name: no DNS
 * lookup), RFC 4291 §2.2 (IPv6 text forms, via dnsjava's parser).
 *
 * <h2>Diagnostics</h2>
 * {@link Optional#empty()} for anything that is not an IPv4 or IPv6 literal (including a
 * General-address-literal, which names no address we can connect to).
 */
public final class AddressLiterals {

    private AddressLiterals() {
    }

    /** True if {@code domain} is written as an address literal (in square brackets). */
    public static boolean isLiteral(String domain) {
        return domain.startsWith("[");
    }

    /** The address of {@code [a.b.c.d]} or {@code [IPv6:...]}. */
    public static Optional<InetAddress> parse(String literal) {
        if (literal.length() < 3 || literal.charAt(0) != '[' || literal.charAt(literal.length() - 1) != ']') {
            return Optional.empty();
        }
        String inner = literal.substring(1, literal.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            String addr = inner.substring(5);
            for (int i = 0; i < addr.length(); i++) {
                char c = addr.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    return Optional.empty(); // IPv6-addr has hex digits, colons and an embedded IPv4 only
                }
            }
            return DnsNames.ipv6(addr).map(a -> DnsNames.withHost(a, literal));
        }
        return ipv4(inner).map(bytes -> DnsNames.address(literal, bytes));
    }

    /** {@code Snum 3("." Snum)}: four decimal numbers of one to three digits, each at most 255. */
    private static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) v;
        }
        return Optional.of(bytes);
    }

    /**
     * True if an MX exchange is written like an IPv4 or IPv6 address rather than a host name
     * (e.g. {@code 10 192.0.2.1.}): RFC 5321 §5.1 "the data field of that response MUST contain a
     * domain name", and RFC 1123 §2.1 host names never have an all-numeric top-level label.
     */
    public static boolean looksLikeAddress(String exchange) {
        if (exchange.indexOf(':') >= 0) {
            return true; // no host name has a colon
        }
        return ipv4(exchange).isPresent();
    }
}
