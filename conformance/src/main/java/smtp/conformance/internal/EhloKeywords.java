package smtp.conformance.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import smtp.conformance.Scenario;
import smtp.wire.Reply;

/**
 * The service extensions of an EHLO reply, RFC 5321 §4.1.1.1:
 * {@code ehlo-line = ehlo-keyword *( SP ehlo-param )}; keywords are case-insensitive. The
 * first line is the server's domain and greeting, not a keyword.
 *
 * @param keywords upper-case keyword to its parameters, in the order advertised
 */
public record EhloKeywords(Map<String, List<String>> keywords) {

    public EhloKeywords {
        keywords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** No EHLO reply seen yet. */
    public static final EhloKeywords NONE = new EhloKeywords(Map.of());

    public static EhloKeywords of(Reply reply) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        List<String> lines = reply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String[] words = lines.get(i).strip().split("[ \\t]+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            map.putIfAbsent(words[0].toUpperCase(Locale.ROOT), List.of(words).subList(1, words.length));
        }
        return new EhloKeywords(map);
    }

    public boolean has(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    public Optional<List<String>> parameters(String keyword) {
        return Optional.ofNullable(keywords.get(keyword.toUpperCase(Locale.ROOT)));
    }

    /** True if the keyword is advertised with (at least) the required parameters. */
    public boolean satisfies(Scenario.Extension extension) {
        return parameters(extension.keyword()).map(params -> extension.parameters().stream()
                .allMatch(p -> params.stream().anyMatch(q -> q.equalsIgnoreCase(p)))).orElse(false);
    }

    /** The advertised lines, e.g. {@code SIZE 10240000}, for reports. */
    public List<String> lines() {
        return keywords.entrySet().stream()
                .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + " " + String.join(" ", e.getValue()))
                .toList();
    }
}
