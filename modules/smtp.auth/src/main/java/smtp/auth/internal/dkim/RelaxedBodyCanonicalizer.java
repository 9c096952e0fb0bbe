package smtp.auth.internal.dkim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
 * (dropped), and the end of the chunk. It reads eight octets at a time (SWAR) and stops only at
 * a tab, two SPs in a row or SP before CR, so ordinary text streams at close to the speed of the
 * hash itself. Withheld between chunks, in this order: CRLFs, one WSP
 * run, a CR. A line is ended by CRLF only; a bare CR or LF is content. WSP at the very end of a
 * body without a final CRLF is treated as WSP at the end of a line, i.e. dropped, before the
 * CRLF is added (an SMTP body always ends with CRLF, so this only matters for other sources).
 */
final class RelaxedBodyCanonicalizer extends BodyCanonicalizer {

    RelaxedBodyCanonicalizer(BodySink sink) {
        super(sink);
    }

    private static boolean isWsp(byte c) {
        return c == ' ' || c == '\t';
    }

    /** Eight octets at a time, little-endian: octet k of the array is byte k of the long. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long SP_WORD = 0x2020202020202020L;
    private static final long HTAB_WORD = 0x0909090909090909L;
    private static final long CR_WORD = 0x0D0D0D0D0D0D0D0DL;

    /** The high bit of each octet of {@code x} equal to the octet repeated in {@code pattern} (exact). */
    private static long equal(long x, long pattern) {
        long y = x ^ pattern;
        return ~(((y & LOW7) + LOW7) | y | LOW7);
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
            // Fast path: skip 8 octets at a time while the output equals the input: no HTAB, and no
            // SP followed by SP or CR. Single SPs, CR, LF and empty lines pass through unchanged.
            while (i + 9 <= end) {
                long x = (long) WORD.get(b, i);
                long next = (long) WORD.get(b, i + 1);
                long m = equal(x, HTAB_WORD) | (equal(x, SP_WORD) & (equal(next, SP_WORD) | equal(next, CR_WORD)));
                if (m != 0) {
                    i += Long.numberOfTrailingZeros(m) >>> 3; // the first such octet
                    break;
                }
                i += 8;
            }
            if (i >= end) {
                break;
            }
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != CR) {
                i++;
                continue;
            }
            int w = i; // a single SP the fast path passed may precede: the WSP run starts at w
            while (w > rs && isWsp(b[w - 1])) {
                w--;
            }
            if (c == CR) {
                if (i + 1 == end) {
                    i = w;
                    break; // [WSP] CR at the end of the chunk: withheld
                }
                if (b[i + 1] == LF) {
                    if (w < i) {
                        emitRange(b, rs, w); // "Ignore all whitespace at the end of lines."
                        rs = i;
                    }
                    i += 2;
                } else {
                    i++; // a bare CR is content (a single SP before it is already canonical)
                }
                continue;
            }
            int j = i + 1;
            while (j < end && isWsp(b[j])) {
                j++;
            }
            if (j == end) {
                i = w;
                break; // WSP at the end of the chunk: withheld
            }
            if (b[j] == CR) {
                if (j + 1 == end) {
                    i = w;
                    break; // WSP then CR at the end of the chunk: withheld
                }
                if (b[j + 1] == LF) {
                    emitRange(b, rs, w); // "Ignore all whitespace at the end of lines."
                    rs = j;
                    i = j;
                    continue;
                }
            }
            if (j == w + 1 && b[w] == ' ') {
                i = j; // one SP inside a line is already canonical
                continue;
            }
            // "Reduce all sequences of WSP within a line to a single SP": when the run starts with
            // SP (two spaces after a full stop), that SP ends the range written as is.
            if (b[w] == ' ') {
                emitRange(b, rs, w + 1);
            } else {
                emitRange(b, rs, w);
                emit(SP, 0, 1);
            }
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
