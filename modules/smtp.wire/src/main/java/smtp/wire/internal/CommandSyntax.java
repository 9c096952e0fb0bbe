package smtp.wire.internal;

import java.util.Optional;
import smtp.wire.Auth;
import smtp.wire.Bdat;
import smtp.wire.Command;
import smtp.wire.Data;
import smtp.wire.Ehlo;
import smtp.wire.Expn;
import smtp.wire.Helo;
import smtp.wire.Help;
import smtp.wire.Limits;
import smtp.wire.Mail;
import smtp.wire.Noop;
import smtp.wire.ParseResult;
import smtp.wire.Path;
import smtp.wire.Quit;
import smtp.wire.Rcpt;
import smtp.wire.Replies;
import smtp.wire.Reply;
import smtp.wire.ReversePath;
import smtp.wire.Rset;
import smtp.wire.StartTls;
import smtp.wire.Unknown;
import smtp.wire.Vrfy;

/**
 * Parses one command line (without its CRLF) into a {@link Command}.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.1 (the grammar of each command is quoted on its record), §2.4 (verbs are
 * case-insensitive), §4.5.3.1.4 (512 octets); RFC 3207 §4 (STARTTLS), RFC 4954 §4 (AUTH),
 * RFC 3030 §2 (BDAT); the MAIL and RCPT arguments are parsed by {@link PathSyntax} and
 * {@link ParameterSyntax}.
 *
 * <h2>Diagnostics</h2>
 * <ul>
 * <li>500 5.5.6 a line over 512 octets with its CRLF (12288 for AUTH, RFC 4954 §4);</li>
 * <li>500 5.5.2 a control character (NUL, bare CR, ...) or an octet sequence that is not UTF-8;</li>
 * <li>501 5.5.4 missing, extra or malformed arguments (§4.2.2), including arguments to DATA,
 *     RSET, QUIT and STARTTLS (RFC 3207 §4 lists "501 Syntax error (no parameters allowed)");
 *     trailing white space alone is not an error (§4.1.1: receivers SHOULD tolerate it);</li>
 * <li>501 5.1.7 / 501 5.1.3 a malformed reverse-path / forward-path (see {@link PathSyntax});</li>
 * <li>553 5.6.7 a non-ASCII reverse-path without the SMTPUTF8 parameter (RFC 6531 §3.4);</li>
 * <li>501 5.5.2 an AUTH initial response that is not base64 (RFC 4954 §4).</li>
 * </ul>
 * An unknown verb is not an error here: it becomes {@link Unknown}, which the session answers.
 */
public final class CommandSyntax {

    private static final Reply NO_ARGUMENTS = Reply.of(501, "5.5.4", "Syntax error (no parameters allowed)");
    private static final Reply DOMAIN_REQUIRED = Reply.of(501, "5.5.4", "Syntax error: domain or address literal required");
    private static final Reply ARGUMENT_REQUIRED = Reply.of(501, "5.5.4", "Syntax error: argument required");
    private static final Reply MAIL_SYNTAX = Reply.of(501, "5.5.4", "Syntax: MAIL FROM:<address> [parameters]");
    private static final Reply RCPT_SYNTAX = Reply.of(501, "5.5.4", "Syntax: RCPT TO:<address> [parameters]");
    private static final Reply AUTH_SYNTAX = Reply.of(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
    private static final Reply BDAT_SYNTAX = Reply.of(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]");

    private CommandSyntax() {
    }

    public static ParseResult<Command> parse(byte[] line, int offset, int length) {
        ParseResult<Command> result = parseExact(line, offset, length);
        // RFC 5321 §4.1.1: "In the interest of improved interoperability, SMTP receivers SHOULD
        // tolerate trailing white space before the terminating <CRLF>." A line refused as it is
        // is parsed again without its trailing SP/HTAB, so "RSET " and "QUIT\t" are RSET and QUIT,
        // while arguments that may end in spaces (VRFY, NOOP text) keep them. (Added for
        // smtp.server, whose conformance suite checks it.) A line refused as too long is not
        // retried: RFC 5321 §4.5.3.1.4 counts every octet up to the CRLF, trailing spaces included.
        if (result instanceof ParseResult.Invalid<Command> bad && bad.reply().equals(Replies.LINE_TOO_LONG)) {
            return result;
        }
        int trimmed = length;
        while (trimmed > 0 && (line[offset + trimmed - 1] == ' ' || line[offset + trimmed - 1] == '\t')) {
            trimmed--;
        }
        if (result instanceof ParseResult.Invalid<Command> && trimmed < length && trimmed > 0
                && parseExact(line, offset, trimmed) instanceof ParseResult.Ok<Command> ok) {
            return ok;
        }
        return result;
    }

    private static ParseResult<Command> parseExact(byte[] line, int offset, int length) {
        int verbEnd = offset;
        int end = offset + length;
        while (verbEnd < end && line[verbEnd] != ' ') {
            verbEnd++;
        }
        // RFC 5321 §4.5.3.1.4: "The maximum total length of a command line including the command
        // word and the <CRLF> is 512 octets." RFC 4954 §4 raises it to 12288 for AUTH.
        int limit = isAuth(line, offset, verbEnd) ? Limits.AUTH_LINE : Limits.COMMAND_LINE;
        if (length > limit - 2) {
            return ParseResult.invalid(Replies.LINE_TOO_LONG);
        }
        for (int i = offset; i < end; i++) {
            // No command grammar admits a control character (CTL, RFC 5234 B.1); a bare CR here
            // is the kind of line ending that SMTP smuggling relies on.
            if ((line[i] & 0xff) < 0x20 || line[i] == 0x7f) {
                return ParseResult.invalid(Replies.CONTROL_CHARACTER);
            }
        }
        Optional<String> text = Utf8.decode(line, offset, length);
        if (text.isEmpty()) {
            return ParseResult.invalid(Replies.SYNTAX_ERROR);
        }
        String s = text.get();
        int sp = s.indexOf(' ');
        return parse(s, sp < 0 ? s.length() : sp);
    }

    private static boolean isAuth(byte[] b, int from, int to) {
        return to - from == 4 && (b[from] | 0x20) == 'a' && (b[from + 1] | 0x20) == 'u'
                && (b[from + 2] | 0x20) == 't' && (b[from + 3] | 0x20) == 'h';
    }

    /** Dispatches on the verb s[0, verbEnd); the argument starts after one SP. */
    private static ParseResult<Command> parse(String s, int verbEnd) {
        String verb = asciiUpper(s.substring(0, verbEnd));
        boolean hasArg = verbEnd < s.length();
        String arg = hasArg ? s.substring(verbEnd + 1) : "";
        return switch (verb) {
            case "EHLO" -> hello(arg, hasArg).map(Ehlo::new);
            case "HELO" -> hello(arg, hasArg).map(Helo::new);
            case "MAIL" -> mail(arg);
            case "RCPT" -> rcpt(arg);
            case "DATA" -> hasArg ? ParseResult.invalid(NO_ARGUMENTS) : ParseResult.ok(new Data());
            case "RSET" -> hasArg ? ParseResult.invalid(NO_ARGUMENTS) : ParseResult.ok(new Rset());
            case "QUIT" -> hasArg ? ParseResult.invalid(NO_ARGUMENTS) : ParseResult.ok(new Quit());
            // RFC 3207 §4: "The STARTTLS keyword is used to tell the SMTP client that the SMTP
            // server is currently able to negotiate the use of TLS. It takes no parameters."
            case "STARTTLS" -> hasArg ? ParseResult.invalid(NO_ARGUMENTS) : ParseResult.ok(new StartTls());
            // RFC 5321 §4.1.1.6/§4.1.1.7: "VRFY" SP String, "EXPN" SP String. §3.5.3 leaves the
            // form of the String to the server, so any non-empty text is kept as sent.
            case "VRFY" -> arg.isEmpty() ? ParseResult.invalid(ARGUMENT_REQUIRED) : ParseResult.ok(new Vrfy(arg));
            case "EXPN" -> arg.isEmpty() ? ParseResult.invalid(ARGUMENT_REQUIRED) : ParseResult.ok(new Expn(arg));
            // RFC 5321 §4.1.1.8/§4.1.1.9: "HELP" [ SP String ], "NOOP" [ SP String ].
            case "HELP" -> ParseResult.ok(new Help(hasArg ? Optional.of(arg) : Optional.empty()));
            case "NOOP" -> ParseResult.ok(new Noop(hasArg ? Optional.of(arg) : Optional.empty()));
            case "AUTH" -> auth(arg, hasArg);
            case "BDAT" -> bdat(arg, hasArg);
            default -> ParseResult.ok(new Unknown(verb, arg));
        };
    }

    /**
     * {@code "EHLO" SP ( Domain / address-literal )}, {@code "HELO" SP Domain} (RFC 5321 §4.1.1.1).
     * The domain must be ASCII: EHLO comes before any SMTPUTF8 transaction, and §4.1.2 requires
     * 501 for characters outside letters, digits and hyphen in a label.
     */
    private static ParseResult<smtp.wire.Host> hello(String arg, boolean hasArg) {
        if (!hasArg || arg.isEmpty()) {
            return ParseResult.invalid(DOMAIN_REQUIRED);
        }
        return PathSyntax.parseHost(arg, false);
    }

    /** {@code "MAIL FROM:" Reverse-path [SP Mail-parameters]}, RFC 5321 §4.1.1.2. */
    private static ParseResult<Command> mail(String arg) {
        if (!arg.regionMatches(true, 0, "FROM:", 0, 5)) {
            return ParseResult.invalid(MAIL_SYNTAX);
        }
        int start = skipSpaces(arg, 5);
        int end = PathSyntax.pathEnd(arg, start);
        // Without a closing ">" the whole rest is the (bad or over-long) path.
        ParseResult<ReversePath> path = PathSyntax.parseReversePath(arg.substring(start, end < 0 ? arg.length() : end));
        if (path instanceof ParseResult.Invalid<ReversePath> bad) {
            return ParseResult.invalid(bad.reply());
        }
        ReversePath reversePath = path.orElseThrow();
        if (end < 0) {
            return ParseResult.invalid(Replies.BAD_SENDER_PATH);
        }
        return ParameterSyntax.mail(arg, end, arg.length()).flatMap(params -> {
            // RFC 6531 §3.4: a non-ASCII address needs the SMTPUTF8 parameter on MAIL.
            if (!params.smtpUtf8() && reversePath instanceof Path p && !p.mailbox().isAscii()) {
                return ParseResult.invalid(Replies.NON_ASCII_SENDER);
            }
            return ParseResult.ok(new Mail(reversePath, params));
        });
    }

    /** {@code "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path ) [SP Rcpt-parameters]}, §4.1.1.3. */
    private static ParseResult<Command> rcpt(String arg) {
        if (!arg.regionMatches(true, 0, "TO:", 0, 3)) {
            return ParseResult.invalid(RCPT_SYNTAX);
        }
        int start = skipSpaces(arg, 3);
        int found = PathSyntax.pathEnd(arg, start);
        int end = found < 0 ? arg.length() : found;
        return PathSyntax.parseForwardPath(arg.substring(start, end)).flatMap(forwardPath ->
                ParameterSyntax.rcpt(arg, end, arg.length()).map(params -> new Rcpt(forwardPath, params)));
    }

    /**
     * After "FROM:" / "TO:". The grammar has no space there, but RFC 821-era clients send one.
     * DEVIATION(RFC 5321 §4.1.1.2): spaces between the colon and "&lt;" are skipped, as Postfix
     * (strict_rfc821_envelopes = no), Exim and Sendmail do; the angle brackets stay mandatory.
     */
    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * RFC 4954 §4: {@code "AUTH" SP sasl-mech [SP initial-response]}, {@code sasl-mech = 1*20mech-char}
     * (RFC 4422 §3.1: {@code mech-char = UPPER-ALPHA / DIGIT / HYPHEN / UNDERSCORE}; we accept lower
     * case and normalise), {@code initial-response = base64 / "="}.
     */
    private static ParseResult<Command> auth(String arg, boolean hasArg) {
        int sp = arg.indexOf(' ');
        String mech = sp < 0 ? arg : arg.substring(0, sp);
        if (!hasArg || mech.isEmpty() || mech.length() > 20) {
            return ParseResult.invalid(AUTH_SYNTAX);
        }
        for (int i = 0; i < mech.length(); i++) {
            char c = mech.charAt(i);
            if (!(AddressLiteralSyntax.isLetDig(c) || c == '-' || c == '_')) {
                return ParseResult.invalid(AUTH_SYNTAX);
            }
        }
        if (sp < 0) {
            return ParseResult.ok(new Auth(asciiUpper(mech), Optional.empty()));
        }
        String response = arg.substring(sp + 1);
        if (response.indexOf(' ') >= 0 || response.isEmpty()) {
            return ParseResult.invalid(AUTH_SYNTAX);
        }
        if (!response.equals("=") && !isBase64(response)) {
            // RFC 4954 §4: "If the client ... response ... cannot be BASE64 decoded ... 501 5.5.2"
            return ParseResult.invalid(Replies.AUTH_BAD_BASE64);
        }
        return ParseResult.ok(new Auth(asciiUpper(mech), Optional.of(response)));
    }

    /**
     * RFC 4954 §8 (from RFC 4648): {@code base64 = base64-terminal / ( 1*(4base64-char) [base64-terminal] )},
     * {@code base64-terminal = (2base64-char "==") / (3base64-char "=")}.
     */
    public static boolean isBase64(String s) {
        int n = s.length();
        if (n == 0 || n % 4 != 0) {
            return false;
        }
        int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        for (int i = 0; i < n - pad; i++) {
            char c = s.charAt(i);
            if (!(AddressLiteralSyntax.isLetDig(c) || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3030 §2: {@code bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ]}, {@code chunk-size = 1*DIGIT}, {@code end-marker = "LAST"}. */
    private static ParseResult<Command> bdat(String arg, boolean hasArg) {
        int sp = arg.indexOf(' ');
        String size = sp < 0 ? arg : arg.substring(0, sp);
        boolean last = false;
        if (sp >= 0) {
            if (!arg.substring(sp + 1).equalsIgnoreCase("LAST")) {
                return ParseResult.invalid(BDAT_SYNTAX);
            }
            last = true;
        }
        if (!hasArg || !ParameterSyntax.allDigits(size, 0, size.length())) {
            return ParseResult.invalid(BDAT_SYNTAX);
        }
        long n = ParameterSyntax.parseLong(size, 0, size.length());
        if (n < 0) {
            // more octets than any message may have (RFC 3030 §2, RFC 1870 §6: 552)
            return ParseResult.invalid(Replies.MESSAGE_TOO_BIG);
        }
        return ParseResult.ok(new Bdat(n, last));
    }

    /** The verbs {@link #parse(String, int)} gives a type of their own (the rest become {@link Unknown}). */
    private static final java.util.Set<String> VERBS = java.util.Set.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET",
            "QUIT", "STARTTLS", "VRFY", "EXPN", "HELP", "NOOP", "AUTH", "BDAT");

    /**
     * True when {@code verb} is what the parser can give an {@link Unknown}: one word (no space,
     * no control character) without lower-case ASCII letters, not a verb of its own.
     */
    public static boolean isUnknownVerb(String verb) {
        if (VERBS.contains(verb) || verb.indexOf(' ') >= 0 || !Utf8.isLineText(verb)) {
            return false;
        }
        return verb.chars().noneMatch(c -> c >= 'a' && c <= 'z');
    }

    /** RFC 4422 §3.1: {@code sasl-mech = 1*20mech-char}, {@code mech-char = UPPER-ALPHA / DIGIT / HYPHEN / UNDERSCORE}. */
    public static boolean isMechanism(String mechanism) {
        if (mechanism.isEmpty() || mechanism.length() > 20) {
            return false;
        }
        return mechanism.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    /** Upper-cases ASCII letters only (verbs are ASCII; RFC 5321 §2.4). */
    static String asciiUpper(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                char[] a = s.toCharArray();
                for (int j = i; j < a.length; j++) {
                    if (a[j] >= 'a' && a[j] <= 'z') {
                        a[j] -= 32;
                    }
                }
                return new String(a);
            }
        }
        return s;
    }
}
