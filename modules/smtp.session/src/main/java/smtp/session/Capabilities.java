package smtp.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import smtp.wire.Reply;

/**
 * What a server announced in its EHLO reply (RFC 5321 §4.1.1.1):
 *
 * <pre>
 * ehlo-ok-rsp    = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
 *                  / ( "250-" Domain [ SP ehlo-greet ] CRLF
 *                  *( "250-" ehlo-line CRLF )
 *                  "250" SP ehlo-line CRLF )
 * ehlo-line      = ehlo-keyword *( SP ehlo-param )
 * ehlo-keyword   = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
 * </pre>
 *
 * @param extended true after a 250 to EHLO; false after falling back to HELO (no extensions)
 * @param keywords the upper-cased keywords with their parameters (may be empty), in order
 */
public record Capabilities(boolean extended, Map<String, String> keywords) {

    /** A server greeted with HELO: no extensions. */
    public static final Capabilities NONE = new Capabilities(false, Map.of());

    public Capabilities {
        Objects.requireNonNull(keywords, "keywords");
        keywords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** Parses the lines of a positive EHLO reply (the first names the server; each other is a keyword). */
    public static Capabilities fromEhlo(Reply reply) {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> lines = reply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int sp = line.indexOf(' ');
            String keyword = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
            String params = sp < 0 ? "" : line.substring(sp + 1).strip();
            // "AUTH=LOGIN PLAIN" is an old (pre-RFC 4954) form some servers still add.
            if (keyword.startsWith("AUTH=")) {
                params = (keyword.substring(5) + " " + params).strip();
                keyword = "AUTH";
                if (map.containsKey("AUTH")) {
                    params = map.get("AUTH") + " " + params;
                }
            }
            map.put(keyword, params);
        }
        return new Capabilities(true, map);
    }

    /** True when the server offers {@code e}. */
    public boolean offers(Extension e) {
        return keywords.containsKey(e.keyword());
    }

    /** The SIZE limit (RFC 1870 §4); empty if none was given or it is 0 (no fixed limit). */
    public OptionalLong sizeLimit() {
        String p = keywords.get(Extension.SIZE.keyword());
        if (p == null || p.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(p.split(" ")[0]);
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The SASL mechanisms of the AUTH keyword (RFC 4954 §3), upper case. */
    public Set<String> authMechanisms() {
        String p = keywords.get(Extension.AUTH.keyword());
        Set<String> set = new TreeSet<>();
        if (p != null) {
            for (String m : p.split(" +")) {
                if (!m.isEmpty()) {
                    set.add(m.toUpperCase(Locale.ROOT));
                }
            }
        }
        return set;
    }
}
