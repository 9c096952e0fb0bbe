package smtp.auth.internal.dkim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A block of body octets copied out of the chunk, with marks on the few places where relaxed
 * body canonicalization (RFC 6376 §3.4.4) may change it: an HTAB, and an SP followed by another
 * WSP or by a CR. Everything else passes through unchanged, so the canonicalizer only looks at
 * the marks, and edits the copy in place (HTAB to SP, deletions) before hashing it.
 *
 * <p>How: {@link #mark} copies the block twice (the octets, and the octets one position later)
 * and computes one mark octet per position with a loop of only same-index array accesses and
 * octet-wise arithmetic, which HotSpot's C2 compiles to SIMD instructions (tens of octets per
 * instruction); the canonicalizer then skips unmarked octets 32 at a time with four long loads
 * ({@link #word}). Together that costs about a third of a CPU cycle per octet, where an
 * 8-octet SWAR scan costs about 2 cycles an octet here, as much as the SHA-256 with SHA
 * extensions that follows. The copies are what lets C2 vectorize: the same loop reading
 * {@code b[k]} and {@code b[k + 1]} of one array, or storing at another offset than it loads,
 * is not vectorized (C2 cannot rule out the overlap).
 *
 * <p>The marks are a superset: also every octet below 0x0A (controls, which are rare) and an
 * SP before any octet up to 0x20 (LF, controls). The caller checks each mark.
 */
final class WhitespaceMarks {

    /** Octets per block: the three arrays stay in the L1 cache, and are small for small bodies (2 KiB measured best, 1 and 4 KiB slower). */
    static final int BLOCK = 2048;
    /** Zeros after the marks, so that they can be read 32 at a time. */
    private static final int PAD = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int block;
    /** The block's octets (the canonicalizer edits them into the canonical output). */
    private byte[] octets = new byte[0];
    /** The octets one position later. */
    private byte[] next = new byte[0];
    /** One per octet: 0x80 marked, 0 not; then PAD zeros. */
    private byte[] marks = new byte[0];

    WhitespaceMarks(int block) {
        if (block < 2) {
            throw new IllegalArgumentException("a block holds at least a CRLF");
        }
        this.block = block;
    }

    /** Octets per block (a block may hold one more, so as not to end between CR and LF). */
    int block() {
        return block;
    }

    /**
     * Copies {@code b[from .. from+n)} to {@link #octets()} and marks them in {@link #marks()}.
     * The octet after the block is {@code b[from+n]} if {@code more}, else taken to be SP (so
     * that WSP ending the chunk is marked: it may continue in the next chunk).
     */
    void mark(byte[] b, int from, int n, boolean more) {
        if (octets.length < n) {
            int size = Math.min(block + 1, Math.max(n, 256)); // small bodies get small buffers
            octets = new byte[size];
            next = new byte[size];
            marks = new byte[size + PAD];
        }
        byte[] h = octets;
        byte[] x2 = next;
        byte[] m = marks;
        System.arraycopy(b, from, h, 0, n);
        if (more) {
            System.arraycopy(b, from + 1, x2, 0, n);
        } else {
            System.arraycopy(b, from + 1, x2, 0, n - 1);
            x2[n - 1] = ' ';
        }
        for (int k = 0; k < n; k++) {
            // Octet-wise, in the low 8 bits of int arithmetic (bit 7 of each term is the answer):
            // (x - 0x0A) & ~x: x < 0x0A (HTAB is 0x09); (s - 1) & ~s with s = x ^ SP: x == SP;
            // (y - 0x21) & ~y: the next octet y <= 0x20 (SP, HTAB, CR, LF, controls).
            int x = h[k];
            int y = x2[k];
            int s = x ^ ' ';
            m[k] = (byte) ((((x - 0x0A) & ~x) | ((s - 1) & ~s & (y - 0x21) & ~y)) & 0x80);
        }
        Arrays.fill(m, n, n + PAD, (byte) 0);
    }

    /** The block's octets, from index 0. */
    byte[] octets() {
        return octets;
    }

    /** The marks, index k for octet k, then zeros. */
    byte[] marks() {
        return marks;
    }

    /** The 8 marks of a {@link #word} as 8 bits, mark k in bit k (the bit-gathering multiply). */
    static long bits(long word) {
        return ((word >>> 7) * 0x0102040810204080L) >>> 56;
    }

    /** The 8 marks at {@code marks[p .. p+8)} as one long, mark k of them in bits 8k..8k+7. */
    static long word(byte[] marks, int p) {
        return (long) LONGS.get(marks, p);
    }
}
