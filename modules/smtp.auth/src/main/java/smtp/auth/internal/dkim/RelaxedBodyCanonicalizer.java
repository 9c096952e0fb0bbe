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
 * The body is copied a block at a time ({@link WhitespaceMarks}, which also finds the few places
 * where the output differs from the input: an HTAB, a run of two or more WSP, WSP before a
 * CRLF), edited in place there (HTAB to SP, deletions by moving the rest of the block down), and
 * hashed with one update per block. Ordinary text so streams at close to the speed of the hash
 * itself. Withheld between chunks and blocks, in this order: CRLFs (they may be empty lines at
 * the end), one WSP run, a CR. A block never ends between the CR and the LF of a CRLF. A line
 * is ended by CRLF only; a bare CR or LF is content. WSP at the very end of a body without a
 * final CRLF is treated as WSP at the end of a line, i.e. dropped, before the CRLF is added
 * (an SMTP body always ends with CRLF, so this only matters for other sources).
 */
final class RelaxedBodyCanonicalizer extends BodyCanonicalizer {

    private final WhitespaceMarks marks;

    RelaxedBodyCanonicalizer(BodySink sink) {
        this(sink, WhitespaceMarks.BLOCK);
    }

    /** With blocks of {@code block} octets (tests use tiny ones to cross block ends often). */
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
        int block = marks.block();
        int pos = i;
        while (pos < end) {
            int n = Math.min(block, end - pos);
            if (pos + n < end && b[pos + n - 1] == CR) {
                n--; // not between CR and LF (n >= 2 here: block >= 2, and pos + 1 < end)
            }
            boolean more = pos + n < end;
            boolean lastCr = !more && b[end - 1] == CR;
            if (lastCr) {
                // The chunk ends with CR: an LF may follow. The CR stays out of the block (it is
                // the octet after it) and is withheld.
                if (--n == 0) {
                    pendingCr = true;
                    return;
                }
                more = true;
            }
            marks.mark(b, pos, n, more);
            int consumed = canonicalize(b, pos, n, end);
            if (consumed < 0) {
                return; // the rest of the chunk, WSP* [CR], is withheld
            }
            pos += consumed;
            if (lastCr) {
                pendingCr = true; // pos == end - 1: a run reaching the CR would have returned above
                return;
            }
        }
    }

    /**
     * Canonicalizes the marked block {@code b[pos .. pos+n)} in place in {@link WhitespaceMarks#octets()}
     * and writes it; returns how many input octets it consumed (more than {@code n} when a WSP
     * run goes on past the block), or -1 when the WSP at the end of the chunk was withheld.
     */
    private int canonicalize(byte[] b, int pos, int n, int end) {
        byte[] out = marks.octets();
        byte[] m = marks.marks();
        int r = 0; // out[r .. n) is not yet moved into place
        int o = 0; // out[0 .. o) is canonical
        int resume = 0; // marks before this were consumed by an earlier place
        for (int p = 0; p < n; p += 32) {
            long w0 = WhitespaceMarks.word(m, p);
            long w1 = WhitespaceMarks.word(m, p + 8);
            long w2 = WhitespaceMarks.word(m, p + 16);
            long w3 = WhitespaceMarks.word(m, p + 24);
            if ((w0 | w1 | w2 | w3) == 0) {
                continue; // the common case: 32 octets that pass through unchanged
            }
            // One bit per octet (fewer branches to mispredict than word by word).
            long bits = WhitespaceMarks.bits(w0) | WhitespaceMarks.bits(w1) << 8
                    | WhitespaceMarks.bits(w2) << 16 | WhitespaceMarks.bits(w3) << 24;
            for (; bits != 0; bits &= bits - 1) {
                int k = p + Long.numberOfTrailingZeros(bits);
                if (k < resume || !isWsp(out[k])) {
                    continue; // consumed, or a control octet (the marks over-approximate)
                }
                // A WSP run starts at k (an earlier WSP would be marked and have consumed it).
                int ja = pos + k + 1; // the run is b[pos+k .. ja)
                while (ja < end && isWsp(b[ja])) {
                    ja++;
                }
                if (ja == end || (b[ja] == CR && ja + 1 == end)) {
                    // The run (and a CR) end the chunk: withheld until the next octets tell.
                    write(out, move(out, r, o, k));
                    pendingWsp = true;
                    pendingCr = ja < end;
                    return -1;
                }
                int j = ja - pos;
                if (b[ja] == CR && b[ja + 1] == LF) {
                    o = move(out, r, o, k); // "Ignore all whitespace at the end of lines."
                    r = Math.min(j, n);
                } else if (j == k + 1) {
                    out[k] = ' '; // one WSP inside a line: an SP
                } else {
                    // "Reduce all sequences of WSP within a line to a single SP character."
                    out[k] = ' ';
                    o = move(out, r, o, k + 1);
                    r = Math.min(j, n);
                }
                resume = j;
            }
        }
        write(out, move(out, r, o, n));
        return Math.max(n, resume);
    }

    /** Moves {@code out[r .. to)} down to {@code out[o ..]}; returns the new end of the canonical part. */
    private static int move(byte[] out, int r, int o, int to) {
        int len = to - r;
        if (len > 0 && r != o) {
            System.arraycopy(out, r, out, o, len);
        }
        return o + len;
    }

    /**
     * Writes {@code out[0 .. len)}, except the CRLFs at its end: they are withheld, because the
     * lines after them may turn out to be empty (blank, or WSP only) up to the end of the body.
     */
    private void write(byte[] out, int len) {
        int k = len;
        while (k >= 2 && out[k - 2] == CR && out[k - 1] == LF) {
            k -= 2;
        }
        emit(out, 0, k);
        pendingCrlf += (len - k) / 2;
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
