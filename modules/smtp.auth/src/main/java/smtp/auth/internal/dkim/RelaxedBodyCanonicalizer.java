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
 * The canonicalizer hands the sink whole input ranges and only breaks a range where the output
 * differs from the input: an HTAB or a run of two or more WSP (written as one SP), WSP before a
 * CRLF (dropped), and the end of the chunk. {@link WhitespaceMarks} finds those places a block
 * at a time with SIMD-compiled code, so ordinary text streams at close to the speed of the hash
 * itself. Withheld between chunks, in this order: CRLFs, one WSP run, a CR. A line is ended by
 * CRLF only; a bare CR or LF is content. WSP at the very end of a body without a final CRLF is
 * treated as WSP at the end of a line, i.e. dropped, before the CRLF is added (an SMTP body
 * always ends with CRLF, so this only matters for other sources).
 */
final class RelaxedBodyCanonicalizer extends BodyCanonicalizer {

    private final WhitespaceMarks marks;
    /** Start of the input range not yet written (within the current chunk). */
    private int rangeStart;

    RelaxedBodyCanonicalizer(BodySink sink) {
        this(sink, WhitespaceMarks.BLOCK);
    }

    /** With blocks of {@code block} octets (tests use tiny ones to cross block boundaries often). */
    RelaxedBodyCanonicalizer(BodySink sink, int block) {
        super(sink);
        this.marks = new WhitespaceMarks(block);
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
        rangeStart = i;
        int resume = i; // marks before this were consumed by an earlier place
        // Every position but the last has its next octet in this chunk: mark them block by block.
        int block = marks.block();
        for (int from = i; from < end - 1 && resume < end; from += block) {
            int n = Math.min(end - 1 - from, block);
            byte[] m = marks.mark(b, from, n);
            for (int p = 0; p < n; p += 32) {
                if ((WhitespaceMarks.word(m, p) | WhitespaceMarks.word(m, p + 8)
                        | WhitespaceMarks.word(m, p + 16) | WhitespaceMarks.word(m, p + 24)) == 0) {
                    continue; // the common case: 32 octets that pass through unchanged
                }
                for (int q = p; q < p + 32; q += 8) {
                    for (long w = WhitespaceMarks.word(m, q); w != 0; w &= w - 1) {
                        int k = from + q + (Long.numberOfTrailingZeros(w) >>> 3);
                        if (k >= resume) {
                            resume = place(b, k, end);
                        }
                    }
                }
            }
        }
        // The last octet: WSP or a CR there may continue in the next chunk.
        if (resume < end && (isWsp(b[end - 1]) || b[end - 1] == CR)) {
            resume = place(b, end - 1, end);
        }
        if (rangeStart < end) {
            emitRange(b, rangeStart, end);
        }
    }

    /**
     * Handles the marked octet at {@code k}: a WSP run starting there, or a CR ending the chunk.
     * Writes the unchanged range before it, and returns where the range and the search resume.
     */
    private int place(byte[] b, int k, int end) {
        byte c = b[k];
        if (c == CR) { // only as the last octet of the chunk: a bare CR, or the CR of a CRLF
            emitRange(b, rangeStart, k);
            rangeStart = end;
            pendingCr = true;
            return end;
        }
        if (!isWsp(c)) {
            return k + 1; // a control octet (the marks over-approximate): content
        }
        int w = k; // the WSP run is b[w..j)
        while (w > rangeStart && isWsp(b[w - 1])) {
            w--;
        }
        int j = k + 1;
        while (j < end && isWsp(b[j])) {
            j++;
        }
        if (j == end || (b[j] == CR && j + 1 == end)) {
            // The run (and a CR) end the chunk: withheld until the next octets tell.
            emitRange(b, rangeStart, w);
            rangeStart = end;
            pendingWsp = true;
            pendingCr = j < end;
            return end;
        }
        if (b[j] == CR && b[j + 1] == LF) {
            emitRange(b, rangeStart, w); // "Ignore all whitespace at the end of lines."
            rangeStart = j;
            return j + 2;
        }
        if (j == w + 1 && c == ' ') {
            return j; // one SP inside a line is already canonical
        }
        // "Reduce all sequences of WSP within a line to a single SP": when the run starts with
        // SP (two spaces after a full stop), that SP ends the range written as is.
        if (b[w] == ' ') {
            emitRange(b, rangeStart, w + 1);
        } else {
            emitRange(b, rangeStart, w);
            emit(SP, 0, 1);
        }
        rangeStart = j;
        return j;
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
