package smtp.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IP network in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}; a bare address
 * is a /32 or /128), for {@code relay.networks}. An IPv4-mapped IPv6 client address
 * ({@code ::ffff:192.0.2.1}) is matched as the IPv4 address it carries.
 *
 * @param address the network address (host bits are cleared)
 * @param prefix  the prefix length, 0 to 32 (IPv4) or 0 to 128 (IPv6)
 */
public record Network(InetAddress address, int prefix) {

    public Network {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix must be 0.." + bits + ": " + prefix);
        }
        address = masked(address, prefix);
    }

    /** Parses {@code address[/prefix]} (IP literals only, never a host name); empty if it is not one. */
    public static Optional<Network> parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String ip = slash < 0 ? t : t.substring(0, slash);
        Optional<InetAddress> address = literal(ip);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new Network(address.get(), prefix));
    }

    /** True when {@code client} is inside this network. */
    public boolean contains(InetAddress client) {
        InetAddress c = unmapped(client);
        if (c.getAddress().length != address.getAddress().length) {
            return false;
        }
        return masked(c, prefix).equals(address);
    }

    /** An IP literal without any DNS lookup (a name gives empty). */
    static Optional<InetAddress> literal(String ip) {
        boolean v4 = ip.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = ip.indexOf(':') >= 0 && ip.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4 && Arrays.stream(ip.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
            return Optional.empty();
        }
        try {
            // With only digits, dots, colons and hex letters InetAddress parses and never resolves.
            return Optional.of(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return a;
    }

    private static InetAddress masked(InetAddress a, int prefix) {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefix;
    }
}
