package smtp.auth.internal.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an SPF record, RFC 7208 §4.6.1 and §12 (ABNF), checking every term before any is
 * evaluated (§4.6: "syntax errors anywhere in the record MUST be detected").
 *
 * <pre>
 * record           = version terms *SP
 * version          = "v=spf1"
 * terms            = *( 1*SP ( directive / modifier ) )
 * directive        = [ qualifier ] mechanism
 * modifier         = redirect / explanation / unknown-modifier
 * redirect         = "redirect" "=" domain-spec
 * explanation      = "exp" "=" domain-spec
 * unknown-modifier = name "=" macro-string
 * name             = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
 * ip4-cidr-length  = "/" ("0" / %x31-39 0*1DIGIT) ; value range 0-32
 * ip6-cidr-length  = "/" ("0" / %x31-39 0*2DIGIT) ; value range 0-128
 * dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]
 * </pre>
 *
 * Mechanism and modifier names are case-insensitive (§4.6.1). {@code redirect} and {@code exp}
 * are never read as unknown modifiers, so a malformed one is an error, as the OpenSPF suite
 * ({@code redirect-syntax-error}) and the RFC's errata agree.
 *
 * <h2>Diagnostics</h2>
 * {@link Parsed.Malformed} for any syntax error, a repeated redirect= or exp= (§6: "MUST NOT
 * appear in a record more than once each"), or a non-ASCII character (§3.1: records are
 * "7-bit ASCII"). Never throws.
 */
public final class SpfRecordParser {

    /** dual-cidr-length at the end of an a/mx argument; the body before it is taken as short as possible. */
    private static final Pattern DUAL_CIDR = Pattern.compile("^(.*?)(?:/([0-9]+))?(?://([0-9]+))?$", Pattern.DOTALL);

    private SpfRecordParser() {
    }

    /**
     * True when a TXT string is an SPF version 1 record, §4.5: it starts with "v=spf1"
     * (case-insensitively) followed by a space or the end; "v=spf10" is not one.
     */
    public static boolean isSpfRecord(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    /** Parses a whole record (which must pass {@link #isSpfRecord}). */
    public static Parsed<SpfRecord> parse(String record) {
        if (!isSpfRecord(record)) {
            return new Parsed.Malformed<>("not a v=spf1 record");
        }
        List<Directive> directives = new ArrayList<>();
        Optional<MacroString> redirect = Optional.empty();
        Optional<MacroString> exp = Optional.empty();
        // terms = *( 1*SP ( directive / modifier ) ); only SP separates terms (§4.6.1)
        for (String term : record.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            for (int k = 0; k < term.length(); k++) {
                char c = term.charAt(k);
                if (c < 0x21 || c > 0x7e) {
                    return new Parsed.Malformed<>("character 0x" + Integer.toHexString(c) + " in term \"" + term + "\"");
                }
            }
            int i = 0;
            Optional<Qualifier> qualifier = Qualifier.of(term.charAt(0));
            if (qualifier.isPresent()) {
                i = 1;
            }
            int nameEnd = i;
            if (nameEnd < term.length() && MacroSyntax.isAlpha(term.charAt(nameEnd))) {
                nameEnd++;
                while (nameEnd < term.length() && isNameChar(term.charAt(nameEnd))) {
                    nameEnd++;
                }
            }
            String name = term.substring(i, nameEnd).toLowerCase(Locale.ROOT);
            if (qualifier.isEmpty() && nameEnd < term.length() && term.charAt(nameEnd) == '=' && !name.isEmpty()) {
                String value = term.substring(nameEnd + 1);
                switch (name) {
                    case "redirect" -> {
                        if (redirect.isPresent()) {
                            return new Parsed.Malformed<>("redirect= appears twice");
                        }
                        Parsed<MacroString> d = MacroSyntax.parse(value, MacroSyntax.Use.DOMAIN_SPEC);
                        if (d instanceof Parsed.Malformed<MacroString> m) {
                            return new Parsed.Malformed<>("redirect=: " + m.reason());
                        }
                        redirect = Optional.of(((Parsed.Ok<MacroString>) d).value());
                    }
                    case "exp" -> {
                        if (exp.isPresent()) {
                            return new Parsed.Malformed<>("exp= appears twice");
                        }
                        Parsed<MacroString> d = MacroSyntax.parse(value, MacroSyntax.Use.DOMAIN_SPEC);
                        if (d instanceof Parsed.Malformed<MacroString> m) {
                            return new Parsed.Malformed<>("exp=: " + m.reason());
                        }
                        exp = Optional.of(((Parsed.Ok<MacroString>) d).value());
                    }
                    default -> {
                        // §6: unknown modifiers are ignored, but their macro-string must be well-formed
                        Parsed<MacroString> d = MacroSyntax.parse(value, MacroSyntax.Use.UNKNOWN_MODIFIER);
                        if (d instanceof Parsed.Malformed<MacroString> m) {
                            return new Parsed.Malformed<>(name + "=: " + m.reason());
                        }
                    }
                }
                continue;
            }
            Parsed<Mechanism> m = mechanism(name, term.substring(nameEnd), term);
            if (m instanceof Parsed.Malformed<Mechanism> bad) {
                return new Parsed.Malformed<>(bad.reason());
            }
            directives.add(new Directive(qualifier.orElse(Qualifier.PASS), ((Parsed.Ok<Mechanism>) m).value()));
        }
        return new Parsed.Ok<>(new SpfRecord(directives, redirect, exp));
    }

    private static Parsed<Mechanism> mechanism(String name, String rest, String term) {
        switch (name) {
            case "all" -> {
                return rest.isEmpty() ? ok(new Mechanism.All()) : bad("\"all\" takes no argument: " + term);
            }
            case "include", "exists" -> {
                if (!rest.startsWith(":")) {
                    return bad(name + " needs \":\" domain-spec: " + term);
                }
                Parsed<MacroString> d = MacroSyntax.parse(rest.substring(1), MacroSyntax.Use.DOMAIN_SPEC);
                if (d instanceof Parsed.Malformed<MacroString> m) {
                    return bad(m.reason());
                }
                MacroString spec = ((Parsed.Ok<MacroString>) d).value();
                return ok(name.equals("include") ? new Mechanism.Include(spec) : new Mechanism.Exists(spec));
            }
            case "ptr" -> {
                Parsed<Optional<MacroString>> d = optionalDomain(rest, term);
                return switch (d) {
                    case Parsed.Ok<Optional<MacroString>> o -> ok(new Mechanism.Ptr(o.value()));
                    case Parsed.Malformed<Optional<MacroString>> m -> bad(m.reason());
                };
            }
            case "a", "mx" -> {
                Matcher cm = DUAL_CIDR.matcher(rest);
                if (!cm.matches()) {
                    return bad("bad argument: " + term);
                }
                int v4 = 32;
                int v6 = 128;
                if (cm.group(2) != null) {
                    v4 = cidr(cm.group(2), 32);
                }
                if (cm.group(3) != null) {
                    v6 = cidr(cm.group(3), 128);
                }
                if (v4 < 0 || v6 < 0) {
                    return bad("bad CIDR length: " + term);
                }
                Parsed<Optional<MacroString>> d = optionalDomain(cm.group(1), term);
                if (d instanceof Parsed.Malformed<Optional<MacroString>> m) {
                    return bad(m.reason());
                }
                Optional<MacroString> spec = ((Parsed.Ok<Optional<MacroString>>) d).value();
                return ok(name.equals("a") ? new Mechanism.A(spec, v4, v6) : new Mechanism.Mx(spec, v4, v6));
            }
            case "ip4", "ip6" -> {
                if (!rest.startsWith(":")) {
                    return bad(name + " needs \":\" network: " + term);
                }
                String arg = rest.substring(1);
                int max = name.equals("ip4") ? 32 : 128;
                int cidr = max;
                int slash = arg.lastIndexOf('/');
                if (slash >= 0) {
                    cidr = cidr(arg.substring(slash + 1), max);
                    arg = arg.substring(0, slash);
                    if (cidr < 0) {
                        return bad("bad CIDR length: " + term);
                    }
                }
                Optional<byte[]> net = name.equals("ip4") ? IpLiterals.parseIp4(arg) : IpLiterals.parseIp6(arg);
                if (net.isEmpty()) {
                    return bad("bad " + name + " network: " + term);
                }
                return ok(name.equals("ip4") ? new Mechanism.Ip4(net.get(), cidr) : new Mechanism.Ip6(net.get(), cidr));
            }
            default -> {
                return bad("unknown mechanism or malformed term: " + term);
            }
        }
    }

    /** {@code [ ":" domain-spec ]}: empty, or a colon and a non-empty domain-spec. */
    private static Parsed<Optional<MacroString>> optionalDomain(String rest, String term) {
        if (rest.isEmpty()) {
            return new Parsed.Ok<>(Optional.empty());
        }
        if (!rest.startsWith(":")) {
            return new Parsed.Malformed<>("malformed term: " + term);
        }
        return switch (MacroSyntax.parse(rest.substring(1), MacroSyntax.Use.DOMAIN_SPEC)) {
            case Parsed.Ok<MacroString> o -> new Parsed.Ok<>(Optional.of(o.value()));
            case Parsed.Malformed<MacroString> m -> new Parsed.Malformed<>(m.reason());
        };
    }

    /** A CIDR length: "0" or a number without leading zero, at most {@code max}; -1 when invalid. */
    private static int cidr(String digits, int max) {
        if (digits.isEmpty() || digits.length() > 3 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        int v = Integer.parseInt(digits);
        return v <= max ? v : -1;
    }

    private static boolean isNameChar(char c) {
        return MacroSyntax.isAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }

    private static Parsed<Mechanism> ok(Mechanism m) {
        return new Parsed.Ok<>(m);
    }

    private static Parsed<Mechanism> bad(String reason) {
        return new Parsed.Malformed<>(reason);
    }
}
