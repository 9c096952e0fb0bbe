package smtp.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMTP reply (RFC 5321 §4.2): a three-digit code, an optional enhanced status code
 * (RFC 2034, RFC 3463) and one or more lines of text.
 *
 * <pre>
 * Greeting    = ( "220 " (Domain / address-literal) [ SP textstring ] CRLF ) /
 *               ( "220-" (Domain / address-literal) [ SP textstring ] CRLF
 *                 *( "220-" [ textstring ] CRLF ) "220" [ SP textstring ] CRLF )
 * Reply-line  = *( Reply-code "-" [ textstring ] CRLF )
 *               Reply-code [ SP textstring ] CRLF
 * Reply-code  = %x32-35 %x30-35 %x30-39
 * textstring  = 1*(%d09 / %d32-126) ; HT, SP, Printable US-ASCII
 * </pre>
 *
 * RFC 2034 §3: when ENHANCEDSTATUSCODES is in effect every line of the reply carries the
 * status code, right after the reply code and its separator; {@link #format()} does that.
 * RFC 6531 §3.7.4.2 lets textstring carry UTF-8 once SMTPUTF8 is in effect, so the text is
 * kept as a Java string and encoded as UTF-8.
 *
 * <h2>Diagnostics</h2>
 * The canonical constructor throws {@link IllegalArgumentException} for a code outside
 * 200–559, a status whose class differs from the code's first digit, no lines, or a line
 * that contains CR or LF: those are programming errors, never input errors. Replies received
 * from a peer are parsed with {@link #parse(List)}, which never throws.
 *
 * @param code   the reply code, RFC 5321 §4.2 ({@code 2yz}..{@code 5yz})
 * @param status the enhanced status code, when the reply carries one
 * @param lines  the text lines, without code, separator, status or CRLF; at least one
 */
public record Reply(int code, Optional<EnhancedStatus> status, List<String> lines) {

    public Reply {
        Objects.requireNonNull(status, "status");
        // RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39
        if (code < 200 || code > 559 || (code / 10) % 10 > 5) {
            throw new IllegalArgumentException("RFC 5321 §4.2: bad reply code " + code);
        }
        // RFC 3463 §2 / RFC 2034 §3: the class of the status matches the reply's first digit.
        if (status.isPresent() && status.get().statusClass() != code / 100) {
            throw new IllegalArgumentException("status " + status.get() + " does not match code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text must not contain CR or LF");
            }
        }
    }

    /** A one-line reply with an enhanced status code. */
    public static Reply of(int code, EnhancedStatus status, String text) {
        return new Reply(code, Optional.of(status), List.of(text));
    }

    /** A one-line reply with an enhanced status code given as {@code "x.y.z"}. */
    public static Reply of(int code, String status, String text) {
        return of(code, EnhancedStatus.parse(status)
                .orElseThrow(() -> new IllegalArgumentException("bad status " + status)), text);
    }

    /** A one-line reply without an enhanced status code. */
    public static Reply of(int code, String text) {
        return new Reply(code, Optional.empty(), List.of(text));
    }

    /** A multi-line reply with an enhanced status code on every line. */
    public static Reply of(int code, EnhancedStatus status, List<String> lines) {
        return new Reply(code, Optional.of(status), lines);
    }

    /** This reply without its enhanced status code (for clients that did not ask, RFC 2034 §3). */
    public Reply withoutStatus() {
        return new Reply(code, Optional.empty(), lines);
    }

    /** The class of the reply, RFC 5321 §4.2.1. */
    public ReplyClass replyClass() {
        return ReplyClass.of(code);
    }

    /** 2yz: positive completion. */
    public boolean isPositive() {
        return code < 300;
    }

    /** 3yz: positive intermediate (354 after DATA, 334 during AUTH). */
    public boolean isIntermediate() {
        return code / 100 == 3;
    }

    /** 4yz: transient negative completion; the action may be tried again. */
    public boolean isTransient() {
        return code / 100 == 4;
    }

    /** 5yz: permanent negative completion. */
    public boolean isPermanent() {
        return code / 100 == 5;
    }

    /** All lines joined with a space, for logs and DSN diagnostic codes. */
    public String text() {
        return String.join(" ", lines);
    }

    /**
     * The wire form, every line ended by CRLF: {@code 250-first}, ..., {@code 250 last}.
     * With a status, each line is {@code code SEP status SP text} (RFC 2034 §3).
     */
    public String format() {
        StringBuilder sb = new StringBuilder(32 * lines.size());
        for (int i = 0; i < lines.size(); i++) {
            boolean last = i == lines.size() - 1;
            sb.append(code);
            String text = lines.get(i);
            String body = status.map(s -> text.isEmpty() ? s.toString() : s + " " + text).orElse(text);
            if (!last) {
                sb.append('-').append(body);
            } else if (!body.isEmpty()) {
                sb.append(' ').append(body);
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /** {@link #format()} encoded as UTF-8 (ASCII unless SMTPUTF8 text was used). */
    public byte[] toBytes() {
        return format().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses the lines of one complete reply, each without its CRLF. A status code is
     * recognised when the first token of every line is an enhanced status code whose class
     * matches the reply code. Never throws: a malformed reply (inconsistent codes, a
     * continuation on the last line, a line over 512 octets) is an {@link ParseResult.Invalid}
     * whose reply describes the fault (code 554 or 421 class, for logs and DSNs).
     */
    public static ParseResult<Reply> parse(List<String> lines) {
        return smtp.wire.internal.ReplySyntax.parse(lines);
    }

    /** Parses a complete reply from its wire form (CRLF-separated lines). */
    public static ParseResult<Reply> parse(String wire) {
        return smtp.wire.internal.ReplySyntax.parse(wire);
    }

    @Override
    public String toString() {
        return format().strip().replace("\r\n", " | ");
    }
}
