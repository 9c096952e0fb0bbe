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
        List<EsmtpParameter> params = new ArrayList<>(4);
        Optional<Reply> bad = split(s, from, to, params);
        if (bad.isPresent()) {
            return ParseResult.invalid(bad.get());
        }
        OptionalLong size = OptionalLong.empty();
        Optional<BodyType> body = Optional.empty();
        boolean smtpUtf8 = false;
        Optional<String> auth = Optional.empty();
        Optional<Ret> ret = Optional.empty();
        Optional<String> envid = Optional.empty();
        List<EsmtpParameter> others = new ArrayList<>(0);
        for (EsmtpParameter p : params) {
            String k = p.keyword();
            String v = p.value().orElse(null);
            if (k.equalsIgnoreCase("SIZE")) {
                if (size.isPresent()) {
                    return duplicate(k);
                }
                // RFC 1870 §3: size-value ::= 1*20DIGIT
                if (v == null || v.length() > 20 || !allDigits(v)) {
                    return invalid("SIZE");
                }
                long n = parseLong(v);
                if (n < 0) {
                    return ParseResult.invalid(Replies.MESSAGE_TOO_BIG);
                }
                size = OptionalLong.of(n);
            } else if (k.equalsIgnoreCase("BODY")) {
                if (body.isPresent()) {
                    return duplicate(k);
                }
                Optional<BodyType> b = v == null ? Optional.empty() : bodyType(v);
                if (b.isEmpty()) {
                    return invalid("BODY");
                }
                body = b;
            } else if (k.equalsIgnoreCase("SMTPUTF8")) {
                if (smtpUtf8) {
                    return duplicate(k);
                }
                // RFC 6531 §3.4: the SMTPUTF8 parameter takes no value.
                if (v != null) {
                    return invalid("SMTPUTF8");
                }
                smtpUtf8 = true;
            } else if (k.equalsIgnoreCase("AUTH")) {
                if (auth.isPresent()) {
                    return duplicate(k);
                }
                // RFC 4954 §5: AUTH=<> or an xtext-encoded addr-spec.
                Optional<String> a = v == null ? Optional.empty() : XtextCodec.decode(v);
                if (a.isEmpty() || a.get().isEmpty()) {
                    return invalid("AUTH");
                }
                auth = a;
            } else if (k.equalsIgnoreCase("RET")) {
                if (ret.isPresent()) {
                    return duplicate(k);
                }
                if (v == null || !(v.equalsIgnoreCase("FULL") || v.equalsIgnoreCase("HDRS"))) {
                    return invalid("RET");
                }
                ret = Optional.of(v.equalsIgnoreCase("FULL") ? Ret.FULL : Ret.HDRS);
            } else if (k.equalsIgnoreCase("ENVID")) {
                if (envid.isPresent()) {
                    return duplicate(k);
                }
                Optional<String> e = v == null ? Optional.empty() : XtextCodec.decode(v);
                if (e.isEmpty() || e.get().isEmpty()) {
                    return invalid("ENVID");
                }
                envid = e;
            } else {
                others.add(p);
            }
        }
        return ParseResult.ok(new MailParameters(size, body, smtpUtf8, auth, ret, envid, others));
    }

    /** RCPT parameters in s[from, to), which is empty or starts with the SP before the first one. */
    static ParseResult<RcptParameters> rcpt(String s, int from, int to) {
        if (from == to) {
            return ParseResult.ok(RcptParameters.NONE);
        }
        List<EsmtpParameter> params = new ArrayList<>(2);
        Optional<Reply> bad = split(s, from, to, params);
        if (bad.isPresent()) {
            return ParseResult.invalid(bad.get());
        }
        Optional<Set<Notify>> notify = Optional.empty();
        Optional<OriginalRecipient> orcpt = Optional.empty();
        List<EsmtpParameter> others = new ArrayList<>(0);
        for (EsmtpParameter p : params) {
            String k = p.keyword();
            String v = p.value().orElse(null);
            if (k.equalsIgnoreCase("NOTIFY")) {
                if (notify.isPresent()) {
                    return duplicate(k);
                }
                notify = v == null ? Optional.empty() : notify(v);
                if (notify.isEmpty()) {
                    return invalid("NOTIFY");
                }
            } else if (k.equalsIgnoreCase("ORCPT")) {
                if (orcpt.isPresent()) {
                    return duplicate(k);
                }
                orcpt = v == null ? Optional.empty() : orcpt(v);
                if (orcpt.isEmpty()) {
                    return invalid("ORCPT");
                }
            } else {
                others.add(p);
            }
        }
        return ParseResult.ok(new RcptParameters(notify.orElse(Set.of()), orcpt, others));
    }

    /** Splits {@code *(SP esmtp-param)} into {@code out}; the error reply if one is malformed. */
    private static Optional<Reply> split(String s, int from, int to, List<EsmtpParameter> out) {
        int i = from;
        while (i < to) {
            if (s.charAt(i) != ' ') {
                return Optional.of(Replies.BAD_ARGUMENTS);
            }
            int start = ++i;
            int kEnd = -1;
            while (i < to && s.charAt(i) != ' ') {
                if (kEnd < 0 && s.charAt(i) == '=') {
                    kEnd = i;
                }
                i++;
            }
            kEnd = kEnd < 0 ? i : kEnd;
            if (!isKeyword(s, start, kEnd)) {
                return Optional.of(BAD_KEYWORD);
            }
            if (kEnd == i) {
                out.add(new EsmtpParameter(s.substring(start, kEnd), Optional.empty()));
            } else if (isValue(s, kEnd + 1, i)) {
                out.add(new EsmtpParameter(s.substring(start, kEnd), Optional.of(s.substring(kEnd + 1, i))));
            } else {
                return Optional.of(BAD_VALUE);
            }
        }
        return Optional.empty();
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

    private static Optional<BodyType> bodyType(String v) {
        for (BodyType t : BodyType.values()) {
            if (t.keyword().equalsIgnoreCase(v)) {
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
        for (String item : v.split(",", -1)) {
            if (item.equalsIgnoreCase("SUCCESS")) {
                set.add(Notify.SUCCESS);
            } else if (item.equalsIgnoreCase("FAILURE")) {
                set.add(Notify.FAILURE);
            } else if (item.equalsIgnoreCase("DELAY")) {
                set.add(Notify.DELAY);
            } else {
                // includes NEVER combined with other values: "NEVER" is exclusive
                return Optional.empty();
            }
        }
        return Optional.of(set);
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

    static boolean allDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return !v.isEmpty();
    }

    /** Decimal digits to a long; -1 on overflow. */
    static long parseLong(String digits) {
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private static <T> ParseResult<T> duplicate(String keyword) {
        return ParseResult.invalid(Reply.of(501, "5.5.4", "Duplicate " + keyword.toUpperCase(java.util.Locale.ROOT) + " parameter"));
    }

    private static <T> ParseResult<T> invalid(String keyword) {
        return ParseResult.invalid(Reply.of(501, "5.5.4", "Invalid " + keyword + " parameter value"));
    }
}
