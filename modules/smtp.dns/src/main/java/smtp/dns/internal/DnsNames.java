package smtp.dns.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

/**
 * Domain names as this module passes them around: lower case, no trailing dot, checked against
 * the limits of the DNS wire format; and IP address text parsed without ever asking DNS.
 *
 * <h2>Standards</h2>
 * RFC 1035 §2.3.4 (a label is at most 63 octets, a name at most 255 octets on the wire),
 * RFC 4343 (names compare case-insensitively), RFC 1035 §3.5 and RFC 3596 §2.5 (reverse names).
 *
 * <h2>Diagnostics</h2>
 * Invalid names and addresses yield {@link Optional#empty()}; nothing here throws on bad input.
 */
public final class DnsNames {

    /** RFC 1035 §2.3.4: "labels 63 octets or less". */
    public static final int MAX_LABEL = 63;
    /** RFC 1035 §2.3.4: "names 255 octets or less" on the wire, i.e. 253 characters of text. */
    public static final int MAX_TEXT = 253;

    private DnsNames() {
    }

    /**
     * The canonical text of {@code name}: ASCII lower case, without a trailing dot; the root is
     * {@code ""}. Empty when the name cannot exist in the DNS (an empty label, a label over 63
     * octets, a name over 255 octets, a character outside printable ASCII: callers pass A-labels,
     * RFC 5890 §2.3.2.1).
     */
    public static Optional<String> canonical(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) {
            return name.isEmpty() ? Optional.empty() : Optional.of("");
        }
        if (n.length() > MAX_TEXT) {
            return Optional.empty();
        }
        int labelStart = 0;
        boolean upper = false;
        for (int i = 0; i <= n.length(); i++) {
            if (i == n.length() || n.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0 || len > MAX_LABEL) {
                    return Optional.empty();
                }
                labelStart = i + 1;
                continue;
            }
            char c = n.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return Optional.empty();
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        return Optional.of(upper ? n.toLowerCase(Locale.ROOT) : n);
    }

    /**
     * The dnsjava {@link Name} of a canonical name, built label by label from its octets so that
     * no character is taken as master-file syntax (a backslash or a quote in an SPF macro
     * expansion is sent as itself).
     */
    public static Name toName(String canonical) {
        if (canonical.isEmpty()) {
            return Name.root;
        }
        byte[] wire = new byte[canonical.length() + 2];
        int out = 0;
        int labelStart = 0;
        for (int i = 0; i <= canonical.length(); i++) {
            if (i == canonical.length() || canonical.charAt(i) == '.') {
                wire[out++] = (byte) (i - labelStart);
                for (int j = labelStart; j < i; j++) {
                    wire[out++] = (byte) canonical.charAt(j);
                }
                labelStart = i + 1;
            }
        }
        wire[out] = 0;
        try {
            return new Name(wire);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a canonical name is always valid wire format: " + canonical, e);
        }
    }

    /** The canonical text of a dnsjava name (lower case, no trailing dot). */
    public static String text(Name name) {
        String s = name.toString(true);
        return name.equals(Name.root) || s.equals("@") || s.equals(".") ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** The reverse-mapping name of an address (in-addr.arpa, ip6.arpa), canonical text. */
    public static String reverse(InetAddress address) {
        return text(ReverseMap.fromAddress(address));
    }

    /**
     * An IPv4 address in dotted-quad form ({@code 192.0.2.1}), parsed without DNS. Empty for
     * anything else.
     */
    public static Optional<InetAddress> ipv4(String text) {
        if (text == null || !Address.isDottedQuad(text)) {
            return Optional.empty();
        }
        byte[] bytes = Address.toByteArray(text, Address.IPv4);
        return bytes == null ? Optional.empty() : Optional.of(address(text, bytes));
    }

    /**
     * An IPv6 address in RFC 4291 §2.2 text form, parsed without DNS. Empty for anything else
     * (including zone IDs, which have no place in mail).
     */
    public static Optional<InetAddress> ipv6(String text) {
        if (text == null || text.indexOf(':') < 0 || text.indexOf('%') >= 0) {
            return Optional.empty();
        }
        byte[] bytes = Address.toByteArray(text, Address.IPv6);
        return bytes == null ? Optional.empty() : Optional.of(address(text, bytes));
    }

    /** Either address family, parsed without DNS. */
    public static Optional<InetAddress> ip(String text) {
        Optional<InetAddress> v4 = ipv4(text);
        return v4.isPresent() ? v4 : ipv6(text);
    }

    /**
     * An address object for raw bytes whose host name is already set to {@code host}, so that a
     * later {@link InetAddress#getHostName()} never starts a reverse lookup behind our back.
     * Sixteen bytes always give an {@link Inet6Address}, even for an IPv4-mapped address.
     */
    public static InetAddress address(String host, byte[] bytes) {
        try {
            if (bytes.length == 16) {
                return Inet6Address.getByAddress(host, bytes, -1);
            }
            InetAddress a = InetAddress.getByAddress(host, bytes);
            if (!(a instanceof Inet4Address)) {
                throw new IllegalArgumentException("not an IPv4 address");
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address is 4 or 16 bytes, got " + bytes.length, e);
        }
    }

    /** The same address with {@code host} as its host name (see {@link #address(String, byte[])}). */
    public static InetAddress withHost(InetAddress address, String host) {
        return address(host, address.getAddress());
    }
}
