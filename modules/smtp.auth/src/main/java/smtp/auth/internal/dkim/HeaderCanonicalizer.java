package smtp.auth.internal.dkim;

import java.io.ByteArrayOutputStream;
import smtp.auth.DkimCanonicalization;

/**
 * Header field canonicalization, RFC 6376 §3.4.1 and §3.4.2, on the field's exact octets
 * (name, colon, value with its folding, final CRLF).
 *
 * <h2>Diagnostics</h2>
 * Never throws; a field without a colon (which the header parser does not produce) is
 * canonicalized as a name with an empty value.
 */
public final class HeaderCanonicalizer {

    private HeaderCanonicalizer() {
    }

    /** Appends the canonical form of {@code raw} (one field, with its CRLF) to {@code out}. */
    public static void canonicalize(DkimCanonicalization c, byte[] raw, ByteArrayOutputStream out) {
        switch (c) {
            // §3.4.1: "Header fields MUST be presented to the signing or verification algorithm
            // exactly as they are in the message".
            case SIMPLE -> out.write(raw, 0, raw.length);
            case RELAXED -> relaxed(raw, out);
        }
    }

    /**
     * §3.4.2, in order: lower-case the name; unfold (drop each CRLF followed by WSP); reduce each
     * WSP run to one SP; drop WSP at the end of the value; drop WSP around the colon. The
     * field ends with CRLF ("MUST NOT remove the CRLF at the end of the header field value").
     */
    static void relaxed(byte[] raw, ByteArrayOutputStream out) {
        int end = raw.length;
        if (end >= 2 && raw[end - 2] == '\r' && raw[end - 1] == '\n') {
            end -= 2;
        }
        int colon = 0;
        while (colon < end && raw[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > 0 && isWsp(raw[nameEnd - 1])) {
            nameEnd--;
        }
        for (int i = 0; i < nameEnd; i++) {
            byte b = raw[i];
            out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        out.write(':');
        boolean wsp = false;
        boolean any = false;
        for (int i = colon + 1; i < end; i++) {
            byte b = raw[i];
            if (b == '\r' && i + 1 < end && raw[i + 1] == '\n') {
                i++; // unfold: the CRLF of a continuation line
                continue;
            }
            if (isWsp(b)) {
                wsp = true;
                continue;
            }
            if (wsp && any) {
                out.write(' ');
            }
            wsp = false;
            any = true;
            out.write(b);
        }
        out.write('\r');
        out.write('\n');
    }

    private static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    /**
     * The DKIM-Signature field as it enters its own hash (RFC 6376 §3.7 step 2): "with the value
     * of the "b=" tag (including all surrounding whitespace) deleted", canonicalized, "and
     * without a trailing CRLF". The value is removed from the raw octets (everything after the
     * "=" of the tag named "b" up to the next ";" or the end), so folding elsewhere is kept
     * exactly for "simple".
     */
    public static byte[] signatureFieldForHash(DkimCanonicalization c, byte[] raw) {
        byte[] withoutB = removeBValue(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream(withoutB.length);
        canonicalize(c, withoutB, out);
        byte[] canon = out.toByteArray();
        int n = canon.length;
        if (n >= 2 && canon[n - 2] == '\r' && canon[n - 1] == '\n') {
            n -= 2;
        }
        return java.util.Arrays.copyOf(canon, n);
    }

    /** {@code raw} with the value of its b= tag cut out. */
    static byte[] removeBValue(byte[] raw) {
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        int p = colon + 1;
        while (p < raw.length) {
            int semi = p;
            while (semi < raw.length && raw[semi] != ';') {
                semi++;
            }
            // the tag-spec is raw[p..semi): [FWS] tag-name [FWS] "=" ...
            int s = p;
            while (s < semi && isFws(raw[s])) {
                s++;
            }
            int e = s;
            while (e < semi && raw[e] != '=' && !isFws(raw[e])) {
                e++;
            }
            if (e - s == 1 && raw[s] == 'b') {
                int eq = e;
                while (eq < semi && raw[eq] != '=') {
                    eq++;
                }
                if (eq < semi) {
                    int valueEnd = semi;
                    if (semi == raw.length && raw.length >= 2 && raw[raw.length - 2] == '\r' && raw[raw.length - 1] == '\n') {
                        valueEnd = raw.length - 2; // keep the field's final CRLF
                    }
                    byte[] out = new byte[raw.length - (valueEnd - eq - 1)];
                    System.arraycopy(raw, 0, out, 0, eq + 1);
                    System.arraycopy(raw, valueEnd, out, eq + 1, raw.length - valueEnd);
                    return out;
                }
            }
            p = semi + 1;
        }
        return raw;
    }

    private static boolean isFws(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
