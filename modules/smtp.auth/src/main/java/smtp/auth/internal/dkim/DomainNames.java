package smtp.auth.internal.dkim;

import java.util.Locale;

/**
 * Domain-name syntax as DKIM uses it (RFC 6376 §3.5 d=, §3.1 selectors), imported from
 * RFC 5321 §4.1.2: {@code sub-domain = Let-dig [Ldh-str]}. Internationalized names are
 * A-labels (RFC 6376 §3.5: "MUST be encoded as A-labels").
 */
public final class DomainNames {

    private DomainNames() {
    }

    /** RFC 1035 §2.3.4: a name is at most 255 octets on the wire, 253 characters as text. */
    private static final int MAX_NAME = 253;
    /** RFC 1035 §2.3.4: labels are 63 octets or less. */
    private static final int MAX_LABEL = 63;

    /** True for {@code sub-domain *("." sub-domain)} with at least {@code minLabels} labels. */
    public static boolean isDomainName(String name, int minLabels) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        int labels = 0;
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (!isSubDomain(name, start, end)) {
                return false;
            }
            labels++;
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return labels >= minLabels;
    }

    /** {@code sub-domain = Let-dig [Ldh-str]}: letters, digits, inner hyphens, 1..63 long. */
    private static boolean isSubDomain(String s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > MAX_LABEL || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code name} equals {@code parent} or ends with "." + parent (case-insensitive). */
    public static boolean isSameOrSubdomain(String name, String parent) {
        String n = name.toLowerCase(Locale.ROOT);
        String p = parent.toLowerCase(Locale.ROOT);
        return n.equals(p) || n.endsWith("." + p);
    }
}
