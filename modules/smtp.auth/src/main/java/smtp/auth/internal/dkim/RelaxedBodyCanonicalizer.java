package smtp.auth.internal.dkim;

/**
 * The "relaxed" body canonicalization, RFC 6376 §3.4.4:
 *
 * <pre>
 * a.  Reduce whitespace:
 *     *  Ignore all whitespace at the end of lines.  Implementations
 *        MUST NOT remove the CRLF at the end of the line.
 *     *  Reduce all sequences of WSP within a line to a single SP
 *        character.
 * b.  Ignore all empty lines at the end of the message body. [...]
 *     If the body is non-empty but does not end with a CRLF, a CRLF is added.
 * </pre>
 *
 * The scan hands the sink whole input ranges and only breaks a range where the output differs
 * from the input: a tab or a run of two or more WSP (written as one SP), WSP before a CRLF
 * (dropped), and the end of the chunk. Withheld between chunks, in this order: CRLFs, one WSP
 * run, a CR. A line is ended by CRLF only; a bare CR or LF is content. WSP at the very end of a
 * body without a final CRLF is treated as WSP at the end of a line, i.e. dropped, before the
 * CRLF is added (an SMTP body always ends with CRLF, so this only matters for other sources).
 */
final class RelaxedBodyCanonicalizer extends BodyCanonicalizer {

    /** A WSP run seen but not yet written: one SP if content follows on the line, nothing before CRLF. */
    private boolean pendingWsp;

    RelaxedBodyCanonicalizer(BodySink sink) {
        super(sink);
    }

    @Override
    void flushPending() {
        super.flushPending();
        if (pendingWsp) {
            pendingWsp = false;
            sink.write(SP, 0, 1);
        }
    }

    private static boolean isWsp(byte c) {
        return c == ' ' || c == '\t';
    }

    @Override
    public void update(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        if (i == end) {
            return;
        }
        if (pendingCr) {
            pendingCr = false;
            if (b[i] == LF) {
                pendingWsp = false; // the WSP before this CRLF was trailing
                pendingCrlf++;
                i++;
            } else {
                emit(CR_ONLY, 0, 1); // bare CR: content (writes a withheld WSP as SP first)
            }
        }
        if (pendingWsp) {
            while (i < end && isWsp(b[i])) {
                i++; // the run continues
            }
            if (i == end) {
                return;
            }
            if (b[i] == CR) {
                if (i + 1 == end) {
                    pendingCr = true;
                    return;
                }
                if (b[i + 1] == LF) {
                    pendingWsp = false; // trailing WSP: ignored
                }
            }
        }
        int rs = i; // start of the range that passes through unchanged
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != CR) {
                i++;
                continue;
            }
            if (c == CR) {
                if (i + 1 == end) {
                    break; // CR at the end of the chunk: withheld
                }
                i += b[i + 1] == LF ? 2 : 1; // CRLF, or a bare CR (content)
                continue;
            }
            int j = i + 1;
            while (j < end && isWsp(b[j])) {
                j++;
            }
            if (j == end) {
                break; // WSP at the end of the chunk: withheld
            }
            if (b[j] == CR) {
                if (j + 1 == end) {
                    break; // WSP then CR at the end of the chunk: withheld
                }
                if (b[j + 1] == LF) {
                    emitRange(b, rs, i); // "Ignore all whitespace at the end of lines."
                    rs = j;
                    i = j;
                    continue;
                }
            }
            if (c == ' ' && j == i + 1) {
                i = j; // one SP inside a line is already canonical
                continue;
            }
            emitRange(b, rs, i); // "Reduce all sequences of WSP within a line to a single SP"
            emit(SP, 0, 1);
            rs = j;
            i = j;
        }
        emitRange(b, rs, i);
        if (i < end) {
            // The withheld tail: WSP* [CR].
            pendingWsp |= isWsp(b[i]);
            pendingCr = b[end - 1] == CR;
        }
    }

    /**
     * Writes {@code b[from..to)}, except the CRLFs at its end: they are withheld, because the
     * lines after them may turn out to be empty (blank, or WSP only) up to the end of the body.
     */
    private void emitRange(byte[] b, int from, int to) {
        int k = to;
        while (k - from >= 2 && b[k - 2] == CR && b[k - 1] == LF) {
            k -= 2;
        }
        emit(b, from, k - from);
        pendingCrlf += (to - k) / 2;
    }

    @Override
    public void finish() {
        if (pendingCr) {
            pendingCr = false;
            emit(CR_ONLY, 0, 1); // a bare CR ends the body: content
        }
        pendingWsp = false; // WSP at the end of the last line: ignored
        pendingCrlf = 0;
        // §3.4.4 b: empty lines at the end are ignored; a non-empty body ends with one CRLF;
        // an empty body stays empty (the SHA-256 of the null input, 47DEQpj8...).
        if (emitted) {
            sink.write(CRLF, 0, 2);
        }
    }
}
