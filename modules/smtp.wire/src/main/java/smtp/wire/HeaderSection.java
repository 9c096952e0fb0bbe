package smtp.wire;

import java.util.List;
import java.util.Optional;

/**
 * The header section of a message, RFC 5322 §2.1 and §3.6: the fields in order, up to the
 * empty line that separates them from the body.
 *
 * <p>Line endings: CRLF, and also LF alone (messages stored on Unix systems); each field's
 * {@link HeaderField#raw()} keeps the octets exactly as they were. A message without the empty
 * line is all header. Values are decoded as UTF-8 (RFC 6532); see
 * {@code smtp.wire.internal.HeaderSyntax} for every decision on broken input.
 *
 * @param fields     the fields, top to bottom
 * @param bodyOffset the index in the parsed array where the body starts (just after the
 *                   empty line), or the end of the parsed range ({@code off + len}) when there
 *                   is no empty line; with {@code off = 0} it is the header's length
 */
public record HeaderSection(List<HeaderField> fields, int bodyOffset) {

    public HeaderSection {
        fields = List.copyOf(fields);
    }

    /**
     * Parses the header section at the start of {@code message[off..off+len)}. Obsolete syntax
     * (RFC 5322 §4.5: whitespace before the colon) is tolerated. A line that is neither a field,
     * a continuation nor the empty line gives an {@link ParseResult.Invalid} with 550 5.6.0.
     */
    public static ParseResult<HeaderSection> parse(byte[] message, int off, int len) {
        return smtp.wire.internal.HeaderSyntax.parse(message, off, len);
    }

    /** {@link #parse(byte[], int, int)} of a whole array. */
    public static ParseResult<HeaderSection> parse(byte[] message) {
        return parse(message, 0, message.length);
    }

    /** All fields with this name, top to bottom. */
    public List<HeaderField> all(String name) {
        return fields.stream().filter(f -> f.nameIs(name)).toList();
    }

    /** The first (topmost) field with this name. */
    public Optional<HeaderField> first(String name) {
        return fields.stream().filter(f -> f.nameIs(name)).findFirst();
    }
}
