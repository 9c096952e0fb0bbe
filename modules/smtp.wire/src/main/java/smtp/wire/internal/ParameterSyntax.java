package smtp.wire.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import smtp.wire.BodyType;
import smtp.wire.EsmtpParameter;
import smtp.wire.MailParameters;
import smtp.wire.Notify;
import smtp.wire.OriginalRecipient;
import smtp.wire.ParseResult;
import smtp.wire.RcptParameters;
import smtp.wire.Replies;
import smtp.wire.Reply;
import smtp.wire.Ret;

/**
 * Parses the ESMTP parameters of MAIL and RCPT into their typed values.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.2 (with RFC 6531 §3.3: {@code esmtp-value =/ UTF8-non-ascii}):
 * <pre>
 * Mail-parameters  = esmtp-param *(SP esmtp-param)
 * Rcpt-parameters  = esmtp-param *(SP esmtp-param)
 * esmtp-param    = esmtp-keyword ["=" esmtp-value]
 * esmtp-keyword  = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
 * esmtp-value    = 1*(%d33-60 / %d62-126)
 * </pre>
 * and the parameters of the extensions:
 * <pre>
 * size-value ::= 1*20DIGIT                                      ; RFC 1870 §3
 * body-value ::= "7BIT" / "8BITMIME"                            ; RFC 6152 §2
 *              / "BINARYMIME"                                   ; RFC 3030 §3
 * SMTPUTF8   (no value)                                         ; RFC 6531 §3.4
 * auth-param = "AUTH=" xtext  ; an addr-spec or "&lt;&gt;"           ; RFC 4954 §5
 * ret-value = "FULL" / "HDRS"                                   ; RFC 3461 §4.3
 * envid-parameter = "ENVID=" xtext                              ; RFC 3461 §4.4
 * notify-esmtp-value = "NEVER" / 1#notify-list-element          ; RFC 3461 §4.1
 * notify-list-element = "SUCCESS" / "FAILURE" / "DELAY"
 * orcpt-parameter = "ORCPT=" original-recipient-address         ; RFC 3461 §4.2
 * original-recipient-address = addr-type ";" xtext
 * </pre>
 * Keywords and the listed values are case-insensitive (RFC 5321 §2.4, RFC 5234 §2.3).
 *
 * <h2>Diagnostics</h2>
 * A parameter list that is not {@code esmtp-param *(SP esmtp-param)}, a malformed value of a
 * parameter defined here, or a parameter given twice gets 501 5.5.4 ("Syntax error in
 * parameters or arguments", RFC 5321 §4.2.2); a SIZE that does not fit in 63 bits exceeds any
 * possible limit and gets 552 5.3.4 (RFC 1870 §6). Parameters not defined here are not errors
 * at this level: they are kept in {@code others} and the session answers 555 (RFC 5321
 * §4.1.1.11) for those it does not implement.
 */
public final class ParameterSyntax {

    private static final Reply BAD_KEYWORD = Reply.of(501, "5.5.4", "Syntax error in parameters: bad esmtp-keyword");
    private static final Reply BAD_VALUE = Reply.of(501, "5.5.4", "Syntax error in parameters: bad esmtp-value");

    private ParameterSyntax() {
    }

    /** MAIL parameters in s[from, to), which is empty or starts with the SP before the first one. */
    static ParseResult<MailParameters> mail(String s, int from, int to) {
        if (from == to) {
            return ParseResult.ok(MailParameters.NONE);
        }
        OptionalLong size = OptionalLong.empty();
        Optional<BodyType> body = Optional.empty();
        boolean smtpUtf8 = false;
        Optional<String> auth = Optional.empty();
        Optional<Ret> ret = Optional.empty();
        Optional<String> envid = Optional.empty();
        List<EsmtpParameter> others = List.of();
        Param p = new Param(s, from, to);
        while (p.next()) {
            if (p.fault.isPresent()) {
                return ParseResult.invalid(p.fault.get());
            }
            if (p.is("SIZE")) {
                if (size.isPresent()) {
                    return duplicate("SIZE");
                }
                // RFC 1870 §3: size-value ::= 1*20DIGIT
                if (!p.hasValue() || p.valueEnd - p.valueStart > 20 || !allDigits(s, p.valueStart, p.valueEnd)) {
                    return invalid("SIZE");
                }
                long n = parseLong(s, p.valueStart, p.valueEnd);
                if (n < 0) {
                    return ParseResult.invalid(Replies.MESSAGE_TOO_BIG);
                }
                size = OptionalLong.of(n);
            } else if (p.is("BODY")) {
                if (body.isPresent()) {
                    return duplicate("BODY");
                }
                body = p.hasValue() ? bodyType(p) : Optional.empty();
                if (body.isEmpty()) {
                    return invalid("BODY");
                }
            } else if (p.is("SMTPUTF8")) {
                if (smtpUtf8) {
                    return duplicate("SMTPUTF8");
                }
                // RFC 6531 §3.4: the SMTPUTF8 parameter takes no value.
                if (p.hasValue()) {
                    return invalid("SMTPUTF8");
                }
                smtpUtf8 = true;
            } else if (p.is("AUTH")) {
                if (auth.isPresent()) {
                    return duplicate("AUTH");
                }
                // RFC 4954 §5: AUTH=<> or an xtext-encoded addr-spec.
                auth = p.hasValue() ? XtextCodec.decode(p.value()).filter(a -> !a.isEmpty()) : Optional.empty();
                if (auth.isEmpty()) {
                    return invalid("AUTH");
                }
            } else if (p.is("RET")) {
                if (ret.isPresent()) {
                    return duplicate("RET");
                }
                // RFC 3461 §4.3: ret-value = "FULL" / "HDRS"
                ret = p.valueIs("FULL") ? Optional.of(Ret.FULL) : p.valueIs("HDRS") ? Optional.of(Ret.HDRS) : Optional.empty();
                if (ret.isEmpty()) {
                    return invalid("RET");
                }
            } else if (p.is("ENVID")) {
                if (envid.isPresent()) {
                    return duplicate("ENVID");
                }
                // RFC 3461 §4.4: envid-parameter = "ENVID=" xtext
                envid = p.hasValue() ? XtextCodec.decode(p.value()).filter(e -> !e.isEmpty()) : Optional.empty();
                if (envid.isEmpty()) {
                    return invalid("ENVID");
                }
            } else {
                others = add(others, p.parameter());
            }
        }
        return ParseResult.ok(new MailParameters(size, body, smtpUtf8, auth, ret, envid, others));
    }

    /** RCPT parameters in s[from, to), which is empty or starts with the SP before the first one. */
    static ParseResult<RcptParameters> rcpt(String s, int from, int to) {
        if (from == to) {
            return ParseResult.ok(RcptParameters.NONE);
        }
        Optional<Set<Notify>> notify = Optional.empty();
        Optional<OriginalRecipient> orcpt = Optional.empty();
        List<EsmtpParameter> others = List.of();
        Param p = new Param(s, from, to);
        while (p.next()) {
            if (p.fault.isPresent()) {
                return ParseResult.invalid(p.fault.get());
            }
            if (p.is("NOTIFY")) {
                if (notify.isPresent()) {
                    return duplicate("NOTIFY");
                }
                notify = p.hasValue() ? notify(p.value()) : Optional.empty();
                if (notify.isEmpty()) {
                    return invalid("NOTIFY");
                }
            } else if (p.is("ORCPT")) {
                if (orcpt.isPresent()) {
                    return duplicate("ORCPT");
                }
                orcpt = p.hasValue() ? orcpt(p.value()) : Optional.empty();
                if (orcpt.isEmpty()) {
                    return invalid("ORCPT");
                }
            } else {
                others = add(others, p.parameter());
            }
        }
        return ParseResult.ok(new RcptParameters(notify.orElse(Set.of()), orcpt, others));
    }

    private static List<EsmtpParameter> add(List<EsmtpParameter> list, EsmtpParameter p) {
        List<EsmtpParameter> out = list.isEmpty() ? new ArrayList<>(2) : list;
        out.add(p);
        return out;
    }

    /**
     * A cursor over {@code *(SP esmtp-param)}: each {@link #next()} steps to the next parameter
     * and records its keyword and value ranges in the string, without copying them.
     */
    private static final class Param {
        private final String s;
        private final int to;
        private int pos;
        int keyStart;
        int keyEnd;
        int valueStart;
        int valueEnd;
        Optional<Reply> fault = Optional.empty();

        Param(String s, int from, int to) {
            this.s = s;
            this.pos = from;
            this.to = to;
        }

        /** Steps to the next parameter; false at the end. A malformed one sets {@link #fault}. */
        boolean next() {
            if (pos >= to) {
                return false;
            }
            if (s.charAt(pos) != ' ') {
                fault = Optional.of(Replies.BAD_ARGUMENTS);
                return true;
            }
            keyStart = ++pos;
            int eq = -1;
            while (pos < to && s.charAt(pos) != ' ') {
                if (eq < 0 && s.charAt(pos) == '=') {
                    eq = pos;
                }
                pos++;
            }
            keyEnd = eq < 0 ? pos : eq;
            valueStart = eq < 0 ? -1 : eq + 1;
            valueEnd = pos;
            if (!isKeyword(s, keyStart, keyEnd)) {
                fault = Optional.of(BAD_KEYWORD);
            } else if (eq >= 0 && !isValue(s, valueStart, valueEnd)) {
                fault = Optional.of(BAD_VALUE);
            }
            return true;
        }

        /** The keyword equals {@code k}, ignoring case (RFC 5321 §2.4). */
        boolean is(String k) {
            return keyEnd - keyStart == k.length() && s.regionMatches(true, keyStart, k, 0, k.length());
        }

        boolean hasValue() {
            return valueStart >= 0;
        }

        /** The value equals {@code v}, ignoring case. */
        boolean valueIs(String v) {
            return hasValue() && valueEnd - valueStart == v.length() && s.regionMatches(true, valueStart, v, 0, v.length());
        }

        String value() {
            return s.substring(valueStart, valueEnd);
        }

        EsmtpParameter parameter() {
            return new EsmtpParameter(s.substring(keyStart, keyEnd), hasValue() ? Optional.of(value()) : Optional.empty());
        }
    }

    /** An atom of ASCII atext (RFC 5322 §3.2.3), as the addr-type of ORCPT (RFC 3461 §4.2). */
    public static boolean isAsciiAtom(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c < 0x80 && PathParser.isAtext((char) c));
    }

    /** {@code esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")}. */
    public static boolean isKeyword(String s, int from, int to) {
        if (to <= from || !AddressLiteralSyntax.isLetDig(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!AddressLiteralSyntax.isLetDig(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code esmtp-value = 1*(%d33-60 / %d62-126 / UTF8-non-ascii)}. */
    public static boolean isValue(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                int n = Utf8.nonAscii(s, i, to);
                if (n == 0) {
                    return false;
                }
                i += n - 1;
            } else if (c < 33 || c > 126 || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static Optional<BodyType> bodyType(Param p) {
        for (BodyType t : BodyType.values()) {
            if (p.valueIs(t.keyword())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** RFC 3461 §4.1: "NEVER" alone, or a comma-separated list of SUCCESS, FAILURE, DELAY. */
    private static Optional<Set<Notify>> notify(String v) {
        if (v.equalsIgnoreCase("NEVER")) {
            return Optional.of(EnumSet.of(Notify.NEVER));
        }
        EnumSet<Notify> set = EnumSet.noneOf(Notify.class);
        int start = 0;
        while (true) {
            int comma = v.indexOf(',', start);
            int end = comma < 0 ? v.length() : comma;
            Notify item = end - start == 7 && v.regionMatches(true, start, "SUCCESS", 0, 7) ? Notify.SUCCESS
                    : end - start == 7 && v.regionMatches(true, start, "FAILURE", 0, 7) ? Notify.FAILURE
                    : end - start == 5 && v.regionMatches(true, start, "DELAY", 0, 5) ? Notify.DELAY
                    : null;
            if (item == null) {
                // an unknown or empty element, or NEVER combined with others: "NEVER" is exclusive
                return Optional.empty();
            }
            set.add(item);
            if (comma < 0) {
                return Optional.of(set);
            }
            start = comma + 1;
        }
    }

    /** RFC 3461 §4.2: {@code addr-type ";" xtext}, addr-type an atom. */
    private static Optional<OriginalRecipient> orcpt(String v) {
        int semi = v.indexOf(';');
        if (semi <= 0) {
            return Optional.empty();
        }
        for (int i = 0; i < semi; i++) {
            if (v.charAt(i) >= 0x80 || !PathParser.isAtext(v.charAt(i))) {
                return Optional.empty();
            }
        }
        return XtextCodec.decode(v.substring(semi + 1))
                .filter(a -> !a.isEmpty())
                .map(a -> new OriginalRecipient(v.substring(0, semi), a));
    }

    /** {@code 1*DIGIT} in s[from, to). */
    static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return to > from;
    }

    /** The decimal digits s[from, to) as a long; -1 on overflow. */
    static long parseLong(String s, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private static <T> ParseResult<T> duplicate(String keyword) {
        return ParseResult.invalid(Reply.of(501, "5.5.4", "Duplicate " + keyword + " parameter"));
    }

    private static <T> ParseResult<T> invalid(String keyword) {
        return ParseResult.invalid(Reply.of(501, "5.5.4", "Invalid " + keyword + " parameter value"));
    }
}
