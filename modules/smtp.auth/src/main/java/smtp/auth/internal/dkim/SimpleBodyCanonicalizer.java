package smtp.auth.internal.dkim;

/**
 * The "simple" body canonicalization, RFC 6376 §3.4.3: "converts "*CRLF" at the end of the
 * body to a single "CRLF"", and "If there is no body or no trailing CRLF on the message body,
 * a CRLF is added." Everything else passes through unchanged, as whole input ranges.
 */
final class SimpleBodyCanonicalizer extends BodyCanonicalizer {

    SimpleBodyCanonicalizer(BodySink sink) {
        super(sink);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        int end = off + len;
        int i = off;
        if (pendingCr) {
            pendingCr = false;
            if (b[i] == LF) {
                pendingCrlf++;
                i++;
            } else {
                emit(CR_ONLY, 0, 1); // a bare CR is body content
            }
        }
        // The chunk's tail of the form *(CRLF) [CR] may be the end of the body: withhold it.
        int k = end;
        boolean cr = k > i && b[k - 1] == CR;
        if (cr) {
            k--;
        }
        while (k - i >= 2 && b[k - 2] == CR && b[k - 1] == LF) {
            k -= 2;
        }
        emit(b, i, k - i);
        pendingCrlf += (end - k - (cr ? 1 : 0)) / 2;
        pendingCr = cr;
    }

    @Override
    public void finish() {
        if (pendingCr) {
            pendingCr = false;
            emit(CR_ONLY, 0, 1);
        }
        // Trailing empty lines collapse into the one CRLF that ends the last line; an empty
        // body, or one without a final CRLF, gets a CRLF (§3.4.3).
        pendingCrlf = 0;
        sink.write(CRLF, 0, 2);
        emitted = true;
    }
}
