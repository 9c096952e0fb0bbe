package smtp.auth.internal.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Expands a parsed {@link MacroString}, RFC 7208 §7.3 and §7.4.
 *
 * <p>Each macro yields its letter's value; the value is split on the delimiters (default "."),
 * reversed if {@code r} is given, cut to the right-most N parts if a number is given, and
 * joined with "."; upper-case letters then URL-escape the result (every character outside
 * RFC 3986's unreserved set becomes %XX of its UTF-8 octets).
 *
 * <h2>Standards</h2>
 * RFC 7208 §7.2 (letters), §7.3 (transformers, URL escaping), §7.4 (expansion examples).
 */
public final class MacroExpander {

    /**
     * The values the macro letters stand for.
     *
     * @param sender        {@code s}: the {@code <sender>} (local-part@domain)
     * @param localPart     {@code l}: its local-part ("postmaster" when it had none, §4.3)
     * @param senderDomain  {@code o}: its domain
     * @param domain        {@code d}: the current {@code <domain>}
     * @param ip            the client address bytes (4 or 16), for {@code i}, {@code c} and {@code v}
     * @param helo          {@code h}: the HELO/EHLO domain
     * @param receiver      {@code r}: the receiving host's domain
     * @param timestamp     {@code t}: seconds since the epoch
     * @param validatedName {@code p}: computed on demand (it needs DNS lookups, §7.3)
     */
    public record Context(String sender, String localPart, String senderDomain, String domain, byte[] ip,
                          String helo, String receiver, long timestamp, Supplier<String> validatedName) {
        public Context {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(localPart, "localPart");
            Objects.requireNonNull(senderDomain, "senderDomain");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(helo, "helo");
            Objects.requireNonNull(receiver, "receiver");
            Objects.requireNonNull(validatedName, "validatedName");
        }

        /** The same context for another {@code <domain>} (include and redirect change it, §5.2, §6.1). */
        public Context withDomain(String newDomain) {
            return new Context(sender, localPart, senderDomain, newDomain, ip, helo, receiver, timestamp, validatedName);
        }
    }

    private MacroExpander() {
    }

    /** The expansion of {@code ms} in {@code ctx}. Never throws for any parsed macro-string. */
    public static String expand(MacroString ms, Context ctx) {
        StringBuilder out = new StringBuilder();
        for (MacroString.Part part : ms.parts()) {
            switch (part) {
                case MacroString.Literal l -> out.append(l.text());
                case MacroString.Macro m -> out.append(expand(m, ctx));
            }
        }
        return out.toString();
    }

    private static String expand(MacroString.Macro m, Context ctx) {
        String value = switch (m.letter()) {
            case 's' -> ctx.sender();
            case 'l' -> ctx.localPart();
            case 'o' -> ctx.senderDomain();
            case 'd' -> ctx.domain();
            case 'i' -> IpLiterals.dotFormat(ctx.ip());
            case 'p' -> ctx.validatedName().get();
            case 'v' -> ctx.ip().length == 4 ? "in-addr" : "ip6";
            case 'h' -> ctx.helo();
            case 'c' -> IpLiterals.text(ctx.ip());
            case 'r' -> ctx.receiver();
            case 't' -> Long.toString(ctx.timestamp());
            default -> throw new IllegalStateException("MacroSyntax admitted letter " + m.letter());
        };
        String transformed = transform(value, m);
        return m.urlEscape() ? urlEscape(transformed) : transformed;
    }

    /** §7.3: split on the delimiters, optionally reverse, keep the right-most N parts, join with ".". */
    static String transform(String value, MacroString.Macro m) {
        if (m.keep() == 0 && !m.reverse() && m.delimiters().equals(".")) {
            return value;
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (m.delimiters().indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (m.reverse()) {
            Collections.reverse(parts);
        }
        if (m.keep() > 0 && m.keep() < parts.size()) {
            parts = parts.subList(parts.size() - m.keep(), parts.size());
        }
        return String.join(".", parts);
    }

    /** §7.3: "characters not in the "unreserved" set ... are escaped" (RFC 3986 §2.3, upper-case hex). */
    static String urlEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
