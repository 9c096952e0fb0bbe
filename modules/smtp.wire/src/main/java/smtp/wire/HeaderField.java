package smtp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One header field, RFC 5322 §2.2:
 *
 * <pre>
 * field       = field-name ":" unstructured CRLF
 * field-name  = 1*ftext
 * ftext       = %d33-57 / %d59-126     ; Printable US-ASCII characters not including ":".
 * </pre>
 *
 * Long fields may be folded (§2.2.3): a CRLF followed by WSP. The value here is unfolded
 * (the CRLFs removed, the WSP kept); {@code raw} keeps the exact octets, folding and the final
 * CRLF included, because DKIM's "simple" canonicalization (RFC 6376 §3.4.1) signs them as is.
 *
 * @param name  the field name as written (compare with {@link #nameIs})
 * @param value the unfolded value after the colon (leading whitespace kept as written)
 * @param raw   the field's exact octets, name through final CRLF
 */
public record HeaderField(String name, String value, byte[] raw) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        raw = raw.clone();
    }

    /** A field built by this program: raw is {@code name ": " value CRLF}. */
    public static HeaderField of(String name, String value) {
        String v = value.startsWith(" ") ? value : " " + value;
        return new HeaderField(name, v, (name + ":" + v + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Case-insensitive comparison of field names (RFC 5322 §1.2.2). */
    public boolean nameIs(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The lower-case name, for maps. */
    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The raw octets (a copy). */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f && name.equals(f.name) && value.equals(f.value) && Arrays.equals(raw, f.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return name + ":" + value;
    }
}
