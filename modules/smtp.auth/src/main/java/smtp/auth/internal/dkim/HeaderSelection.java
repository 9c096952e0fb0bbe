package smtp.auth.internal.dkim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import smtp.wire.HeaderField;

/**
 * Picks the header fields an {@code h=} list signs, RFC 6376 §5.4.2: for each name in order,
 * the physically last instance not yet used, "from the bottom of the header field block to
 * the top"; a name with no instance left is signed as the null input (over-signing, §3.5 h=:
 * "nonexistent header fields do not contribute to the signature computation").
 */
public final class HeaderSelection {

    private HeaderSelection() {
    }

    /**
     * The fields {@code h} selects from {@code fields} (top to bottom), in {@code h} order.
     * The caller leaves out the DKIM-Signature being verified (§3.5 h=: "MUST NOT include the
     * DKIM-Signature header field that is being created or verified").
     */
    public static List<HeaderField> select(List<HeaderField> fields, List<String> h) {
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            byName.computeIfAbsent(fields.get(i).name().strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
        }
        List<HeaderField> out = new ArrayList<>(h.size());
        for (String name : h) {
            // §6.1.3 step 1: "comparisons MUST be case-insensitive."
            List<Integer> instances = byName.get(name.toLowerCase(Locale.ROOT));
            if (instances != null && !instances.isEmpty()) {
                out.add(fields.get(instances.remove(instances.size() - 1)));
            }
        }
        return out;
    }
}
