package smtp.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Public Suffix List, and the Organizational Domain DMARC derives from it.
 *
 * <p>A copy of the list ships as a resource (MPL-2.0, licence beside it); {@link #load(Path)}
 * reads a newer file at run time. Rules of both the ICANN and the PRIVATE sections apply.
 * IDN rules are matched in A-label form, so Unicode and Punycode input give the same answer,
 * written as the input was.
 *
 * <h2>Standards</h2>
 * RFC 7489 §3.2 (Organizational Domain: the public suffix plus one label), the list's
 * algorithm (the longest matching rule wins; exception rules beat wildcards; an unlisted TLD
 * is a public suffix, the implicit "*" rule).
 *
 * <h2>Diagnostics</h2>
 * Loading throws {@link UncheckedIOException} (an I/O failure); lookups never throw.
 */
public final class PublicSuffixList {

    private static final String RESOURCE = "public_suffix_list.dat";

    private final Set<String> rules;      // "com", "*.ck", in A-label lower case
    private final Set<String> exceptions; // "www.ck" for "!www.ck"

    private PublicSuffixList(Set<String> rules, Set<String> exceptions) {
        this.rules = Set.copyOf(rules);
        this.exceptions = Set.copyOf(exceptions);
    }

    /** The copy shipped with this module. */
    public static PublicSuffixList bundled() {
        return Holder.BUNDLED;
    }

    private static final class Holder {
        static final PublicSuffixList BUNDLED = loadBundled();

        private static PublicSuffixList loadBundled() {
            try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource smtp/auth/" + RESOURCE + " missing from the module");
                }
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads a list file (for instance a newer copy of public_suffix_list.dat). */
    public static PublicSuffixList load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the list format: one rule per line, "//" comments, "*." wildcards, "!" exceptions. */
    public static PublicSuffixList parse(Reader reader) throws IOException {
        Set<String> rules = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        BufferedReader br = new BufferedReader(reader);
        for (String line; (line = br.readLine()) != null; ) {
            String rule = line.strip();
            int space = rule.indexOf(' ');
            if (space >= 0) {
                rule = rule.substring(0, space); // the list's rule ends at the first whitespace
            }
            if (rule.isEmpty() || rule.startsWith("//")) {
                continue;
            }
            if (rule.startsWith("!")) {
                exceptions.add(ascii(rule.substring(1)));
            } else {
                rules.add(ascii(rule));
            }
        }
        return new PublicSuffixList(rules, exceptions);
    }

    /**
     * The registrable domain (public suffix plus one label) of {@code domain}, as written in the
     * input but lower-cased; empty when {@code domain} is itself a public suffix or malformed
     * (empty, or with an empty label).
     */
    public Optional<String> registrableDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.startsWith(".") || d.contains("..")) {
            return Optional.empty();
        }
        String[] labels = d.toLowerCase(Locale.ROOT).split("\\.");
        String[] ascii = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ascii[i] = ascii(labels[i]);
        }
        int suffix = suffixLabels(ascii);
        if (suffix >= labels.length) {
            return Optional.empty();
        }
        return Optional.of(String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - suffix - 1, labels.length)));
    }

    /**
     * RFC 7489 §3.2: the Organizational Domain of {@code domain}, lower case; a domain that is
     * itself a public suffix is its own Organizational Domain.
     */
    public String organizationalDomain(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        return registrableDomain(d).orElse(d.toLowerCase(Locale.ROOT));
    }

    /** The number of labels of the public suffix of the given A-label labels. */
    private int suffixLabels(String[] labels) {
        int n = labels.length;
        // an exception rule: the public suffix is the rule minus its leftmost label
        for (int i = 0; i < n; i++) {
            if (exceptions.contains(join(labels, i))) {
                return n - i - 1;
            }
        }
        int best = 1; // the implicit "*" rule: an unlisted TLD is a public suffix
        for (int i = 0; i < n; i++) {
            int len = n - i;
            if (len <= best) {
                break;
            }
            String name = join(labels, i);
            String wildcard = i + 1 < n ? "*." + join(labels, i + 1) : "*";
            if (rules.contains(name) || (i + 1 < n && rules.contains(wildcard))) {
                best = len;
            }
        }
        return best;
    }

    private static String join(String[] labels, int from) {
        return String.join(".", java.util.Arrays.copyOfRange(labels, from, labels.length));
    }

    private static String ascii(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.chars().allMatch(c -> c < 0x80)) {
            return lower;
        }
        try {
            return IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return lower;
        }
    }
}
