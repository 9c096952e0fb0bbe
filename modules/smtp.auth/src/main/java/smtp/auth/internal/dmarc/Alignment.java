package smtp.auth.internal.dmarc;

import java.util.Locale;
import smtp.auth.DmarcAlignment;
import smtp.auth.PublicSuffixList;

/**
 * Identifier alignment, RFC 7489 §3.1: strict means the two domains are identical; relaxed
 * means their Organizational Domains are (§3.1.1 DKIM, §3.1.2 SPF). Compared case-insensitively,
 * with leading and trailing dots ignored.
 */
public final class Alignment {

    private Alignment() {
    }

    /** True when {@code authenticated} is aligned with the Author Domain {@code from} in this mode. */
    public static boolean aligned(String authenticated, String from, DmarcAlignment mode, PublicSuffixList psl) {
        String a = normalize(authenticated);
        String f = normalize(from);
        if (a.isEmpty() || f.isEmpty()) {
            return false;
        }
        if (a.equals(f)) {
            return true;
        }
        return mode == DmarcAlignment.RELAXED && psl.organizationalDomain(a).equals(psl.organizationalDomain(f));
    }

    /** Lower case, without leading or trailing dots. */
    static String normalize(String d) {
        int start = 0;
        int end = d.length();
        while (start < end && d.charAt(start) == '.') {
            start++;
        }
        while (end > start && d.charAt(end - 1) == '.') {
            end--;
        }
        return d.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
