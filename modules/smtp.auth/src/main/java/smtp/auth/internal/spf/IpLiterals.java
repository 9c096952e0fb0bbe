package smtp.auth.internal.spf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * IP address literals and CIDR matching for SPF, parsed without any DNS lookup.
 *
 * <h2>Standards</h2>
 * RFC 7208 §5.6 (ip4-network, ip6-network, CIDR lengths), §5 (IPv4-mapped IPv6 addresses are
 * IPv4), RFC 4291 §2.2 (IPv6 text forms), RFC 5952 §4 (canonical IPv6 text, for {@code %{c}}).
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /*
     * ip4-network = qnum "." qnum "." qnum "." qnum
     * qnum        = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
     */
    /** Parses a dotted quad with no leading zeros (RFC 7208 §5.6 qnum). */
    public static Optional<byte[]> parseIp4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return Optional.empty();
            }
            out[i] = (byte) v;
        }
        return Optional.of(out);
    }

    /** Parses IPv6 text, RFC 4291 §2.2 (all three forms, including an embedded dotted quad). */
    public static Optional<byte[]> parseIp6(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return Optional.empty();
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        if (dc < 0) {
            return fill(s, out, 0, 16) == 16 ? Optional.of(out) : Optional.empty();
        }
        String head = s.substring(0, dc);
        String tail = s.substring(dc + 2);
        byte[] h = new byte[16];
        byte[] t = new byte[16];
        int hn = head.isEmpty() ? 0 : fill(head, h, 0, 16);
        int tn = tail.isEmpty() ? 0 : fill(tail, t, 0, 16);
        // RFC 4291 §2.2: "::" indicates one or more groups of 16 bits of zeros.
        if (hn < 0 || tn < 0 || hn + tn > 14 || (head.contains(".") )) {
            return Optional.empty();
        }
        System.arraycopy(h, 0, out, 0, hn);
        System.arraycopy(t, 0, out, 16 - tn, tn);
        return Optional.of(out);
    }

    /** Parses colon-separated groups (optionally ending in a dotted quad) into out; returns bytes written or -1. */
    private static int fill(String s, byte[] out, int off, int max) {
        String[] groups = s.split(":", -1);
        int n = off;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (i == groups.length - 1 && g.indexOf('.') >= 0) {
                Optional<byte[]> v4 = parseIp4(g);
                if (v4.isEmpty() || n + 4 > max) {
                    return -1;
                }
                System.arraycopy(v4.get(), 0, out, n, 4);
                n += 4;
                continue;
            }
            if (g.isEmpty() || g.length() > 4 || n + 2 > max) {
                return -1;
            }
            int v = 0;
            for (int j = 0; j < g.length(); j++) {
                int d = Character.digit(g.charAt(j), 16);
                if (d < 0) {
                    return -1;
                }
                v = v * 16 + d;
            }
            out[n++] = (byte) (v >> 8);
            out[n++] = (byte) v;
        }
        return n - off;
    }

    /**
     * The address bytes SPF compares: 4 for IPv4 and for IPv4-mapped IPv6 (RFC 7208 §5: "an
     * IPv4-mapped IPv6 IP address ... MUST still be considered an IPv4 address"), else 16.
     */
    public static byte[] spfBytes(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && isV4Mapped(b)) {
            byte[] v4 = new byte[4];
            System.arraycopy(b, 12, v4, 0, 4);
            return v4;
        }
        return b;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** True when the first {@code prefix} bits of {@code a} and {@code network} agree (same family). */
    public static boolean inNetwork(byte[] a, byte[] network, int prefix) {
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** The {@code %{c}} form: dotted quad, or RFC 5952 canonical IPv6 text (lower case, longest zero run as "::"). */
    public static String text(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) { // RFC 5952 §4.2.2: "::" MUST NOT shorten just one 16-bit 0 field
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * The {@code %{i}} form: dotted quad, or for IPv6 the "dot-format" of RFC 7208 §7.3, 32
     * nibbles most significant first. Upper-case hex digits, as the OpenSPF suite's
     * {@code v-macro-ip6} expects (the RFC leaves the case open; DNS ignores it).
     */
    public static String dotFormat(byte[] a) {
        if (a.length == 4) {
            return text(a);
        }
        StringBuilder sb = new StringBuilder(63);
        for (byte b : a) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16))).append('.')
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
        return sb.toString();
    }

    /** An {@link InetAddress} of the given bytes, without DNS. */
    public static InetAddress address(byte[] a) {
        try {
            return a.length == 16 ? Inet6Address.getByAddress(null, a, -1) : InetAddress.getByAddress(a);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + a.length, e);
        }
    }
}
