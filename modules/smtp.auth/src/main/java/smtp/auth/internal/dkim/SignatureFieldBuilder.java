package smtp.auth.internal.dkim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import smtp.wire.HeaderField;

/**
 * Writes a DKIM-Signature field folded at 78 characters (RFC 5322 §2.1.1: lines "SHOULD be no
 * more than 78 characters"), folding only where RFC 6376 allows FWS: between tag-specs
 * (§3.2), after the colons of {@code h=} (§3.5), anywhere in base64 values (§3.5 b=, bh=) and
 * between the octets of dkim-quoted-printable values (§2.11).
 */
public final class SignatureFieldBuilder {

    static final String NAME = "DKIM-Signature";
    private static final int WIDTH = 78;
    private final StringBuilder sb = new StringBuilder(NAME).append(':');
    private int column = sb.length();

    /** A whole tag-spec that is never folded inside, e.g. {@code a=rsa-sha256;}. */
    public SignatureFieldBuilder tag(String text) {
        unit(text, true);
        return this;
    }

    /** {@code name=} then the items, with a fold allowed after each separator. */
    public SignatureFieldBuilder list(String name, List<String> items, char separator, boolean last) {
        for (int i = 0; i < items.size(); i++) {
            String item = (i == 0 ? name + "=" : "") + items.get(i) + (i < items.size() - 1 ? String.valueOf(separator) : last ? "" : ";");
            unit(item, i == 0);
        }
        return this;
    }

    /** {@code name=} then a base64 value folded anywhere, ending with ";" unless last. */
    public SignatureFieldBuilder base64(String name, String value, boolean last) {
        unit(name + "=", true);
        breakable(value + (last ? "" : ";"));
        return this;
    }

    /** The field text so far, e.g. up to and including "b=" for the hash of §3.7 step 2. */
    public String text() {
        return sb.toString();
    }

    /** Appends a value folded anywhere (base64), without a leading space. */
    public SignatureFieldBuilder breakable(String value) {
        int i = 0;
        while (i < value.length()) {
            int room = WIDTH - column;
            if (room <= 0) {
                fold();
                room = WIDTH - column;
            }
            int take = Math.min(room, value.length() - i);
            sb.append(value, i, i + take);
            column += take;
            i += take;
        }
        return this;
    }

    /** The finished field: raw octets with the final CRLF, and the unfolded value. */
    public HeaderField build() {
        String raw = sb + "\r\n";
        String value = sb.substring(NAME.length() + 1).replace("\r\n", "");
        return new HeaderField(NAME, value, raw.getBytes(StandardCharsets.US_ASCII));
    }

    private void unit(String text, boolean spaceBefore) {
        int need = text.length() + (spaceBefore ? 1 : 0);
        if (column + need > WIDTH && column > 1) {
            fold();
        } else if (spaceBefore) {
            sb.append(' ');
            column++;
        }
        sb.append(text);
        column += text.length();
    }

    private void fold() {
        sb.append("\r\n\t"); // FWS: CRLF followed by WSP
        column = 1;
    }
}
