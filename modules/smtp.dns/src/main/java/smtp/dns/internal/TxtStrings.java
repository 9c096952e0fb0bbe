package smtp.dns.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text of a TXT record: its character-strings joined with nothing between them, as UTF-8.
 *
 * <h2>Standards</h2>
 * RFC 1035 §3.3.14 (TXT RDATA is one or more character-strings), RFC 7208 §3.3 ("If a published
 * record contains multiple character-strings, then the record MUST be treated as if those strings
 * are concatenated together without adding spaces"), RFC 6376 §3.6.2.2 (the same for DKIM keys),
 * RFC 7489 §6.1 (DMARC records are TXT).
 *
 * <h2>Diagnostics</h2>
 * Octets that are not UTF-8 decode to U+FFFD, so the record's parser rejects them as it should.
 */
public final class TxtStrings {

    private TxtStrings() {
    }

    /** The strings concatenated, decoded as UTF-8 (malformed octets become U+FFFD). */
    public static String concatenate(List<byte[]> strings) {
        if (strings.size() == 1) {
            return new String(strings.get(0), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] s : strings) {
            all.writeBytes(s);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
