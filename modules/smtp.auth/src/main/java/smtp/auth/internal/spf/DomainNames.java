package smtp.auth.internal.spf;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Domain-name checks SPF applies before it queries the DNS.
 *
 * <h2>Standards</h2>
 * RFC 7208 §4.3 (a malformed or single-label {@code <domain>} gives "none"), §7.3 (an expanded
 * name over 253 characters is truncated from the left, label by label), RFC 1035 §2.3.4 (labels
 * are 1 to 63 octets).
 */
public final class DomainNames {

    private DomainNames() {
    }

    /**
     * The {@code <domain>} of check_host() in lookup form (A-labels, no trailing dot), or empty
     * when §4.3 calls it malformed: a label longer than 63 characters, an empty label not at the
     * end, a name that is not multi-label, longer than 253 characters, or a domain literal.
     */
    public static Optional<String> checkHostDomain(String domain) {
        String d = stripDot(domain);
        if (d.startsWith("[") || d.indexOf('.') < 0) {
            return Optional.empty();
        }
        if (!isAscii(d)) {
            try {
                d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return d.length() <= 253 && labelsOk(d) ? Optional.of(d) : Optional.empty();
    }

    /**
     * The name to query for an expanded target-name: trailing dot removed, truncated to 253
     * characters from the left (§7.3), and empty when a label is empty or longer than 63 (no
     * query can be made; the mechanism does not match).
     */
    public static Optional<String> queryName(String expanded) {
        String d = stripDot(expanded);
        while (d.length() > 253) {
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
        return !d.isEmpty() && labelsOk(d) ? Optional.of(d) : Optional.empty();
    }

    /** True when {@code name} equals {@code domain} or is a sub-domain of it (case-insensitive). */
    public static boolean isSameOrSubdomain(String name, String domain) {
        String n = stripDot(name).toLowerCase(Locale.ROOT);
        String d = stripDot(domain).toLowerCase(Locale.ROOT);
        return n.equals(d) || n.endsWith("." + d);
    }

    static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean labelsOk(String d) {
        int start = 0;
        for (int i = 0; i <= d.length(); i++) {
            if (i == d.length() || d.charAt(i) == '.') {
                int len = i - start;
                if (len == 0 || len > 63) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
