package smtp.conformance.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smtp.conformance.ClientText;
import smtp.conformance.ClientText.Literal;
import smtp.conformance.ClientText.Parameter;
import smtp.conformance.ClientText.Part;
import smtp.conformance.ClientText.Repeat;

/**
 * Reads and writes the text of {@code C:} and {@code R:} lines.
 *
 * <pre>
 * client-text = *( char / escape / parameter / repeat )
 * char        = any character but "\" ; sent as its UTF-8 octets
 * escape      = "\r" / "\n" / "\0" / "\t" / "\\" / "\$" / "\x" 2HEXDIG
 * parameter   = "${" name [ ( "+" / "-" ) 1*10DIGIT ] "}"
 * repeat      = "${repeat:" 1*7DIGIT ":" 1*64( %x21-7E except "}" "\" ":" "$" ) "}"
 * </pre>
 *
 * A "$" not followed by "{" is a literal dollar sign. The writer escapes every octet outside
 * printable ASCII, so that {@code parse(format(t))} equals {@code t}.
 */
public final class ClientTextSyntax {

    private ClientTextSyntax() {
    }

    static final Pattern ADDEND = Pattern.compile("(.+?)([+-])([0-9]{1,10})");
    static final Pattern REPEAT = Pattern.compile("repeat:([0-9]{1,7}):(.*)", Pattern.DOTALL);

    /** Parses client text; never throws. */
    public static Checked<ClientText> parse(String written) {
        List<Part> parts = new ArrayList<>();
        StringBuilder octets = new StringBuilder();
        int i = 0;
        int n = written.length();
        while (i < n) {
            char c = written.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    return Checked.error("a backslash at the end of the line (write \\\\ for a backslash)");
                }
                char e = written.charAt(i + 1);
                switch (e) {
                    case 'r' -> octets.append('\r');
                    case 'n' -> octets.append('\n');
                    case '0' -> octets.append('\0');
                    case 't' -> octets.append('\t');
                    case '\\' -> octets.append('\\');
                    case '$' -> octets.append('$');
                    case 'x' -> {
                        if (i + 3 >= n) {
                            return Checked.error("\\x needs two hexadecimal digits");
                        }
                        int hi = Character.digit(written.charAt(i + 2), 16);
                        int lo = Character.digit(written.charAt(i + 3), 16);
                        if (hi < 0 || lo < 0 || written.charAt(i + 2) > 0x7f || written.charAt(i + 3) > 0x7f) {
                            return Checked.error("\\x needs two hexadecimal digits");
                        }
                        octets.append((char) (hi * 16 + lo));
                        i += 2;
                    }
                    default -> {
                        return Checked.error("unknown escape \\" + printable(e)
                                + " (use \\r \\n \\0 \\t \\\\ \\$ or \\xHH)");
                    }
                }
                i += 2;
            } else if (c == '$' && i + 1 < n && written.charAt(i + 1) == '{') {
                int close = written.indexOf('}', i + 2);
                if (close < 0) {
                    return Checked.error("${ without a closing }");
                }
                Checked<Part> part = parameter(written.substring(i + 2, close));
                switch (part) {
                    case Checked.Ok<Part> ok -> {
                        flush(octets, parts);
                        parts.add(ok.value());
                    }
                    case Checked.Error<Part> err -> {
                        return Checked.error(err.message());
                    }
                }
                i = close + 1;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(written.charAt(i + 1))) {
                    appendUtf8(octets, written.substring(i, i + 2));
                    i += 2;
                } else {
                    return Checked.error("an unpaired surrogate is not a character");
                }
            } else {
                if (c < 0x80) {
                    octets.append(c);
                } else {
                    appendUtf8(octets, String.valueOf(c));
                }
                i++;
            }
        }
        flush(octets, parts);
        return Checked.ok(new ClientText(parts));
    }

    private static Checked<Part> parameter(String inside) {
        Matcher repeat = REPEAT.matcher(inside);
        if (repeat.matches()) {
            int count = Integer.parseInt(repeat.group(1));
            String text = repeat.group(2);
            if (count < 1 || count > ClientText.MAX_REPEAT) {
                return Checked.error("repeat count must be 1.." + ClientText.MAX_REPEAT);
            }
            if (!text.matches("[!-~&&[^}\\\\:$]]{1,64}")) {
                return Checked.error("repeat text must be 1-64 printable ASCII characters other than } \\ : $");
            }
            return Checked.ok(new Repeat(count, text));
        }
        if (Parameter.isKnown(inside)) {
            return Checked.ok(new Parameter(inside, 0));
        }
        Matcher m = ADDEND.matcher(inside);
        if (m.matches() && Parameter.isKnown(m.group(1))) {
            long value = Long.parseLong(m.group(3));
            if (value > 1_000_000_000L) {
                return Checked.error("addend out of range: " + value);
            }
            if (!m.group(1).startsWith("ehlo:")) {
                return Checked.error("only ehlo: parameters take an addend (+N or -N)");
            }
            return Checked.ok(new Parameter(m.group(1), m.group(2).equals("-") ? -value : value));
        }
        return Checked.error("unknown parameter ${" + printable(inside) + "} (known: "
                + String.join(", ", ClientText.PARAMETERS.stream().sorted().toList()) + ", ehlo:KEYWORD, repeat:N:TEXT)");
    }

    private static void appendUtf8(StringBuilder octets, String chars) {
        for (byte b : chars.getBytes(StandardCharsets.UTF_8)) {
            octets.append((char) (b & 0xff));
        }
    }

    private static void flush(StringBuilder octets, List<Part> parts) {
        if (!octets.isEmpty()) {
            parts.add(new Literal(octets.toString()));
            octets.setLength(0);
        }
    }

    /** Writes client text with escapes; see the class comment. */
    public static String format(ClientText text) {
        StringBuilder sb = new StringBuilder();
        List<Part> parts = text.parts();
        for (int p = 0; p < parts.size(); p++) {
            switch (parts.get(p)) {
                case Literal l -> {
                    String o = l.octets();
                    for (int i = 0; i < o.length(); i++) {
                        char c = o.charAt(i);
                        boolean edge = (p == parts.size() - 1 && i == o.length() - 1) || (p == 0 && i == 0);
                        sb.append(escape(c, edge));
                    }
                }
                case Parameter q -> sb.append("${").append(q.name())
                        .append(q.addend() > 0 ? "+" + q.addend() : q.addend() < 0 ? Long.toString(q.addend()) : "")
                        .append('}');
                case Repeat r -> sb.append("${repeat:").append(r.count()).append(':').append(r.text()).append('}');
            }
        }
        return sb.toString();
    }

    private static String escape(char octet, boolean edge) {
        return switch (octet) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\0' -> "\\0";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            case '$' -> "\\$";
            // A space at either end of the line is written as \x20 so that editors cannot eat it.
            case ' ' -> edge ? "\\x20" : " ";
            default -> octet >= 0x21 && octet <= 0x7e ? String.valueOf(octet) : String.format("\\x%02X", (int) octet);
        };
    }

    /** The octets a literal stands for. */
    public static byte[] octets(Literal literal) {
        return literal.octets().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(40).forEach(cp -> sb.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp) : String.format("\\u%04X", cp)));
        return sb.toString();
    }

    static String printable(char c) {
        return printable(String.valueOf(c));
    }
}
