package smtp.wire.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.wire.EnhancedStatus;
import smtp.wire.Limits;
import smtp.wire.ParseResult;
import smtp.wire.Reply;

/**
 * Parses replies received from a peer.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.2:
 * <pre>
 * Reply-line     = *( Reply-code "-" [ textstring ] CRLF )
 *                  Reply-code [ SP textstring ] CRLF
 * Reply-code     = %x32-35 %x30-35 %x30-39
 * textstring     = 1*(%d09 / %d32-126) ; HT, SP, Printable US-ASCII
 * </pre>
 * §4.2.1: "In a multiline reply, the reply code on each of the lines MUST be the same." §4.2:
 * clients "MUST be prepared" for a last line of the bare code without the SP, and "any text,
 * including no text at all ... MUST be acceptable", so the text is not checked beyond CR and LF
 * (RFC 6531 §3.7.4.2 also allows UTF-8 in it). §4.5.3.1.5: a reply line is at most 512 octets
 * with its CRLF. RFC 2034 §3 / RFC 3463 §2: an enhanced status code is recognised when every
 * line starts with the same {@code status-code} followed by SP or the end of the line, and its
 * class equals the first digit of the reply code; otherwise the lines are kept as plain text.
 *
 * <h2>Diagnostics</h2>
 * A malformed reply is an {@link ParseResult.Invalid} carrying 421 4.5.0 "Malformed reply: ...":
 * RFC 5321 §4.2 says clients receiving out-of-range codes "SHOULD normally treat them as fatal
 * errors and terminate the mail transaction", so the client closes the channel and retries later.
 */
public final class ReplySyntax {

    private ReplySyntax() {
    }

    public static ParseResult<Reply> parse(List<String> lines) {
        int n = lines.size();
        if (n == 0) {
            return malformed("no lines");
        }
        int code = -1;
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            boolean last = i == n - 1;
            int c = code(line);
            if (c < 0) {
                return malformed("no reply code");
            }
            if (code < 0) {
                code = c;
            } else if (c != code) {
                // RFC 5321 §4.2.1: "the reply code on each of the lines MUST be the same"
                return malformed("reply code changes within a multiline reply");
            }
            // RFC 5321 §4.5.3.1.5: at most 512 octets including the reply code and the CRLF
            // (a char is at most 3 octets, so short lines need no count)
            if (line.length() > (Limits.REPLY_LINE - 2) / 3 && Utf8.length(line) > Limits.REPLY_LINE - 2) {
                return malformed("line longer than 512 octets");
            }
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                return malformed("CR or LF inside a line");
            }
            if (line.length() == 3) {
                if (!last) {
                    return malformed("continuation line without hyphen");
                }
                texts.add("");
                continue;
            }
            char sep = line.charAt(3);
            if (last ? sep != ' ' : sep != '-') {
                return malformed(last ? "last line has no SP after the code" : "continuation line without hyphen");
            }
            texts.add(line.substring(4));
        }
        Optional<EnhancedStatus> status = commonStatus(texts, code / 100);
        if (status.isPresent()) {
            int skip = status.get().toString().length();
            texts.replaceAll(t -> t.length() > skip ? t.substring(skip + 1) : "");
        }
        return ParseResult.ok(new Reply(code, status, texts));
    }

    /** Parses the wire form: lines ended by CRLF (a bare LF is tolerated), the last CRLF optional. */
    public static ParseResult<Reply> parse(String wire) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < wire.length()) {
            int lf = wire.indexOf('\n', start);
            int end = lf < 0 ? wire.length() : lf;
            int textEnd = end > start && wire.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(wire.substring(start, textEnd));
            start = lf < 0 ? wire.length() : lf + 1;
        }
        return parse(lines);
    }

    /** The reply code at the start of the line, or -1. {@code Reply-code = %x32-35 %x30-35 %x30-39}. */
    public static int code(String line) {
        if (line.length() < 3) {
            return -1;
        }
        char a = line.charAt(0);
        char b = line.charAt(1);
        char c = line.charAt(2);
        if (a < '2' || a > '5' || b < '0' || b > '5' || c < '0' || c > '9') {
            return -1;
        }
        return (a - '0') * 100 + (b - '0') * 10 + (c - '0');
    }

    /** The status code that starts every text (followed by SP or the end) with class {@code cls}. */
    private static Optional<EnhancedStatus> commonStatus(List<String> texts, int cls) {
        String head = texts.get(0);
        if (cls == 3 || head.isEmpty() || head.charAt(0) != (char) ('0' + cls)) {
            return Optional.empty(); // RFC 3463 §2: class is 2, 4 or 5, and the same as the reply's
        }
        String first = null;
        for (String t : texts) {
            int sp = t.indexOf(' ');
            String token = sp < 0 ? t : t.substring(0, sp);
            if (first == null) {
                first = token;
            } else if (!first.equals(token)) {
                return Optional.empty();
            }
        }
        String token = first;
        return EnhancedStatusSyntax.parse(token).filter(s -> s.statusClass() == cls)
                // only the canonical spelling (no leading zeros), so that formatting gives the text back
                .filter(s -> s.toString().equals(token));
    }

    private static ParseResult<Reply> malformed(String why) {
        return ParseResult.invalid(Reply.of(421, "4.5.0", "Malformed reply: " + why));
    }
}
