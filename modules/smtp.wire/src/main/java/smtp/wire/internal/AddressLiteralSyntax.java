package smtp.wire.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import smtp.wire.AddressLiteral;
import smtp.wire.GeneralLiteral;
import smtp.wire.Ipv4Literal;
import smtp.wire.Ipv6Literal;

/**
 * Parses the inside of an address literal (the text between "[" and "]").
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.3:
 * <pre>
 * address-literal  = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
 * IPv4-address-literal  = Snum 3("."  Snum)
 * IPv6-address-literal  = "IPv6:" IPv6-addr
 * General-address-literal  = Standardized-tag ":" 1*dcontent
 * Standardized-tag  = Ldh-str
 * dcontent       = %d33-90 / %d94-126   ; Printable US-ASCII excl. "[", "\", "]"
 * Snum           = 1*3DIGIT              ; representing a decimal integer value in the range 0 through 255
 * IPv6-addr      = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp
 * IPv6-hex       = 1*4HEXDIG
 * IPv6-full      = IPv6-hex 7(":" IPv6-hex)
 * IPv6-comp      = [IPv6-hex *5(":" IPv6-hex)] "::" [IPv6-hex *5(":" IPv6-hex)]
 *                ; The "::" represents at least 2 16-bit groups of zeros.  No more than 6 groups
 *                ; in addition to the "::" may be present.
 * IPv6v4-full    = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal
 * IPv6v4-comp    = [IPv6-hex *3(":" IPv6-hex)] "::" [IPv6-hex *3(":" IPv6-hex) ":"] IPv4-address-literal
 *                ; No more than 4 groups in addition to the "::" and IPv4-address-literal may be present.
 * </pre>
 * The tag "IPv6:" is matched case-insensitively: RFC 5234 §2.3 makes ABNF quoted strings
 * case-insensitive. Snum is read as a decimal number whatever its leading zeros ("010" is ten,
 * never octal eight).
 */
public final class AddressLiteralSyntax {

    private AddressLiteralSyntax() {
    }

    /** Parses the text between the brackets; empty if it is no address literal. */
    public static Optional<AddressLiteral> parse(String s, int from, int to) {
        int colon = s.indexOf(':', from);
        if (colon < 0 || colon >= to) {
            byte[] v4 = new byte[4];
            if (ipv4(s, from, to, v4, 0)) {
                return Optional.of(new Ipv4Literal(inet4(v4)));
            }
            return Optional.empty();
        }
        if (colon - from == 4 && s.regionMatches(true, from, "IPv6", 0, 4)) {
            byte[] v6 = new byte[16];
            if (ipv6(s, colon + 1, to, v6)) {
                return Optional.of(new Ipv6Literal(inet6(v6), s.substring(colon + 1, to)));
            }
            return Optional.empty();
        }
        if (!isLdhStr(s, from, colon) || colon + 1 >= to) {
            return Optional.empty();
        }
        for (int i = colon + 1; i < to; i++) {
            if (!isDcontent(s.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new GeneralLiteral(s.substring(from, colon), s.substring(colon + 1, to)));
    }

    /** True when {@code text} is an IPv6-addr of RFC 5321 §4.1.3 that denotes {@code address}. */
    public static boolean isIpv6Text(String text, Inet6Address address) {
        byte[] octets = new byte[16];
        return ipv6(text, 0, text.length(), octets) && java.util.Arrays.equals(octets, address.getAddress());
    }

    /** {@code Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig}, non-empty. */
    public static boolean isLdhStr(String s, int from, int to) {
        if (to <= from || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(isLetDig(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code Let-dig = ALPHA / DIGIT}. */
    static boolean isLetDig(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** {@code dcontent = %d33-90 / %d94-126}. */
    public static boolean isDcontent(char c) {
        return (c >= 33 && c <= 90) || (c >= 94 && c <= 126);
    }

    /** {@code Snum 3("." Snum)} exactly in s[from, to); the octets go to out[at..at+3]. */
    static boolean ipv4(String s, int from, int to, byte[] out, int at) {
        int i = from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= to || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            // Snum = 1*3DIGIT, "representing a decimal integer value in the range 0 through 255"
            if (i == start || value > 255) {
                return false;
            }
            out[at + part] = (byte) value;
        }
        return i == to;
    }

    /** IPv6-addr exactly in s[from, to); the 16 octets go to out. */
    static boolean ipv6(String s, int from, int to, byte[] out) {
        int dc = -1;
        for (int i = from; i + 1 < to; i++) {
            if (s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
                if (dc >= 0) {
                    return false; // at most one "::"
                }
                dc = i;
                i++;
            }
        }
        int lastColon = s.lastIndexOf(':', to - 1);
        if (lastColon < from) {
            return false;
        }
        int dot = s.indexOf('.', lastColon);
        boolean v4 = dot >= 0 && dot < to; // an IPv4 tail follows the last colon
        int[] groups = new int[8];
        if (dc < 0) {
            // IPv6-full (8 groups) or IPv6v4-full (6 groups then IPv4)
            int n = hexGroups(s, from, v4 ? lastColon : to, groups, 0);
            if (n != (v4 ? 6 : 8)) {
                return false;
            }
            put(groups, n, out, 0);
            return !v4 || ipv4(s, lastColon + 1, to, out, 12);
        }
        int left = dc == from ? 0 : hexGroups(s, from, dc, groups, 0);
        if (left < 0) {
            return false;
        }
        int rightFrom = dc + 2;
        int[] rightGroups = new int[8];
        int right;
        if (v4) {
            // [IPv6-hex *3(":" IPv6-hex) ":"] IPv4-address-literal
            if (lastColon == dc + 1) {
                right = 0; // "::" directly followed by the IPv4 part
            } else if (lastColon > rightFrom) {
                right = hexGroups(s, rightFrom, lastColon, rightGroups, 0);
            } else {
                return false;
            }
            // "No more than 4 groups in addition to the '::' and IPv4-address-literal may be present."
            if (right < 0 || left + right > 4) {
                return false;
            }
            if (!ipv4(s, lastColon + 1, to, out, 12)) {
                return false;
            }
            put(groups, left, out, 0);
            putRight(rightGroups, right, out, 12);
            return true;
        }
        right = rightFrom == to ? 0 : hexGroups(s, rightFrom, to, rightGroups, 0);
        // "No more than 6 groups in addition to the '::' may be present."
        if (right < 0 || left + right > 6) {
            return false;
        }
        put(groups, left, out, 0);
        putRight(rightGroups, right, out, 16);
        return true;
    }

    /** {@code IPv6-hex *(":" IPv6-hex)} exactly in s[from, to); returns the count, or -1. */
    private static int hexGroups(String s, int from, int to, int[] groups, int at) {
        int n = 0;
        int i = from;
        while (true) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 4 && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
                v = v << 4 | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i == start || at + n >= groups.length) {
                return -1;
            }
            groups[at + n++] = v;
            if (i == to) {
                return n;
            }
            if (s.charAt(i) != ':') {
                return -1;
            }
            i++;
        }
    }

    private static void put(int[] groups, int n, byte[] out, int at) {
        for (int g = 0; g < n; g++) {
            out[at + 2 * g] = (byte) (groups[g] >> 8);
            out[at + 2 * g + 1] = (byte) groups[g];
        }
    }

    /** Places n groups so that the last one ends just before octet {@code end}. */
    private static void putRight(int[] groups, int n, byte[] out, int end) {
        put(groups, n, out, end - 2 * n);
    }

    private static Inet4Address inet4(byte[] octets) {
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 octets are an IPv4 address", e);
        }
    }

    private static Inet6Address inet6(byte[] octets) {
        try {
            // Inet6Address.getByAddress keeps IPv4-mapped addresses as Inet6Address (InetAddress would not).
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 octets are an IPv6 address", e);
        }
    }
}
