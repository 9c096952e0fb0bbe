package smtp.wire.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import smtp.wire.HeaderField;
import smtp.wire.HeaderSection;
import smtp.wire.ParseResult;
import smtp.wire.Reply;

/**
 * Splits the header section of a message into fields, RFC 5322 §2.1, §2.2 and §3.6, keeping
 * each field's exact octets for DKIM.
 *
 * <pre>
 * message         =   (fields / obs-fields) [CRLF body]                 ; §3.5
 * field           =   field-name ":" unstructured CRLF                  ; §2.2, §3.6.8
 * field-name      =   1*ftext
 * ftext           =   %d33-57 / %d59-126   ; printable US-ASCII except ":"
 * obs-optional    =   field-name *WSP ":" unstructured CRLF             ; §4.5.8
 * FWS             =   ([*WSP CRLF] 1*WSP) / obs-FWS                     ; §3.2.2
 * obs-FWS         =   1*WSP *(CRLF 1*WSP)                               ; §4.2
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 5322 §2.1: the header section ends at the first empty line; the body follows it.
 * <br>RFC 5322 §2.2.3: "Unfolding is accomplished by simply removing any CRLF that is
 * immediately followed by WSP." A line that starts with WSP continues the field above it.
 * <br>RFC 5322 §4.5: the obsolete syntax allows WSP between the field name and the colon;
 * it is accepted and the name is taken without it.
 * <br>RFC 6532 §3.2: field values may carry UTF-8; values are decoded as UTF-8 (a malformed
 * sequence becomes U+FFFD in {@link HeaderField#value()}; the raw octets stay exact).
 *
 * <h2>Decisions where the RFC is silent or the input is broken</h2>
 * <ul>
 * <li>No empty line: the whole input is the header section and {@code bodyOffset} is the end
 * of the input (RFC 5322 §3.5 makes the body optional).</li>
 * <li>LF alone ends a line as CRLF does (messages stored on Unix systems); raw keeps the LF.
 * A CR not followed by LF is ordinary content, except directly before the end of input.</li>
 * <li>A last field without any line ending is accepted; its raw octets have no line end.</li>
 * <li>Not enforced here: the 998-octet line limit of §2.1.1 (the DATA reader enforces
 * RFC 5321's 1000), and the field counts of §3.6 (a DKIM or DMARC concern).</li>
 * </ul>
 *
 * <h2>Diagnostics</h2>
 * 550 5.6.0 (as a value) for a line that is not a field, a continuation or the empty line, a
 * field name with octets outside ftext, or an empty field name; the text names the line.
 */
public final class HeaderSyntax {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private HeaderSyntax() {
    }

    public static ParseResult<HeaderSection> parse(byte[] message, int off, int len) {
        Objects.checkFromIndexSize(off, len, message.length);
        final int end = off + len;
        List<HeaderField> fields = new ArrayList<>();
        int pos = off;
        int lineNumber = 1;
        while (pos < end) {
            byte first = message[pos];
            // RFC 5322 §2.1: the empty line ends the header section.
            if (first == CR && pos + 1 < end && message[pos + 1] == LF) {
                return ParseResult.ok(new HeaderSection(fields, pos + 2));
            }
            if (first == LF || (first == CR && pos + 1 == end)) {
                return ParseResult.ok(new HeaderSection(fields, pos + 1));
            }
            if (isWsp(first)) {
                return invalid(lineNumber, "starts with white space but follows no field");
            }
            // field-name = 1*ftext, then (obsolete, §4.5.8) *WSP, then ":".
            int nameEnd = pos;
            while (nameEnd < end && isFtext(message[nameEnd])) {
                nameEnd++;
            }
            int colon = nameEnd;
            while (colon < end && isWsp(message[colon])) {
                colon++;
            }
            if (colon == end || message[colon] != ':') {
                return invalid(lineNumber, "is not a header field (no field-name \":\")");
            }
            if (nameEnd == pos) {
                return invalid(lineNumber, "has an empty field name");
            }
            // The field runs over every following line that starts with WSP (§2.2.3).
            int lineEnd = nextLineEnd(message, colon + 1, end);
            int fieldEnd = afterLineEnd(message, lineEnd, end);
            int lines = 1;
            while (fieldEnd < end && isWsp(message[fieldEnd])) {
                lineEnd = nextLineEnd(message, fieldEnd, end);
                fieldEnd = afterLineEnd(message, lineEnd, end);
                lines++;
            }
            String name = new String(message, pos, nameEnd - pos, StandardCharsets.US_ASCII);
            String value = lines == 1
                    ? new String(message, colon + 1, lineEnd - colon - 1, StandardCharsets.UTF_8)
                    : unfold(message, colon + 1, lineEnd);
            fields.add(new HeaderField(name, value, Arrays.copyOfRange(message, pos, fieldEnd)));
            pos = fieldEnd;
            lineNumber += lines;
        }
        return ParseResult.ok(new HeaderSection(fields, end));
    }

    /** The value between {@code from} and {@code to} with every line ending removed (§2.2.3). */
    private static String unfold(byte[] m, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            int lineEnd = nextLineEnd(m, i, to);
            System.arraycopy(m, i, out, n, lineEnd - i);
            n += lineEnd - i;
            i = afterLineEnd(m, lineEnd, to);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * The index where the line starting at or before {@code from} stops having content: the CR
     * of a CRLF, a LF, a CR that is the last octet, or {@code end}.
     */
    private static int nextLineEnd(byte[] m, int from, int end) {
        int i = from;
        while (true) {
            i = DataScan.nextLineEnd(m, i, end);
            if (i == end || m[i] == LF) {
                return i;
            }
            // a CR: a line end if LF follows or if it is the last octet, content otherwise
            if (i + 1 == end || m[i + 1] == LF) {
                return i;
            }
            i++;
        }
    }

    /** The index after the line ending that starts at {@code lineEnd}. */
    private static int afterLineEnd(byte[] m, int lineEnd, int end) {
        if (lineEnd == end) {
            return end;
        }
        if (m[lineEnd] == CR) {
            return lineEnd + 1 < end ? lineEnd + 2 : end;
        }
        return lineEnd + 1;
    }

    /** {@code ftext = %d33-57 / %d59-126} (RFC 5322 §3.6.8). */
    private static boolean isFtext(byte b) {
        return b >= 33 && b <= 126 && b != ':';
    }

    /** {@code WSP = SP / HTAB} (RFC 5234 Appendix B.1). */
    private static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    private static ParseResult<HeaderSection> invalid(int line, String why) {
        return ParseResult.invalid(Reply.of(550, "5.6.0",
                "Malformed header section: line " + line + " " + why + " (RFC 5322 section 2.2)"));
    }
}
