package smtp.auth.internal.dkim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finds, a block of body octets at a time, the few places where relaxed body canonicalization
 * (RFC 6376 §3.4.4) may change the body: an HTAB, and an SP followed by another WSP or by a
 * CR. Everything between them passes through unchanged, so the canonicalizer only looks at
 * these marks.
 *
 * <p>How: {@link #mark} copies the block twice (the octets, and the octets one position later)
 * and computes one mark octet per position with a loop of only same-index array accesses and
 * octet-wise arithmetic, which HotSpot's C2 compiles to SIMD instructions (tens of octets per
 * instruction); the canonicalizer then skips unmarked octets 32 at a time with four long loads.
 * Together that costs a fraction of a CPU cycle per octet, where a byte-at-a-time loop (or
 * even an 8-octet SWAR scan, about 2 cycles an octet here) would cost as much as the SHA-256
 * that follows. The two copies are what lets C2 vectorize: the same loop reading {@code b[k]}
 * and {@code b[k + 1]} of one array, or storing at another offset than it loads, does not.
 *
 * <p>The marks are a superset: also every octet below 0x0A (controls, which are rare) and an
 * SP before any octet up to 0x20 (LF, controls). The caller checks each mark.
 */
final class WhitespaceMarks {

    /** Octets per block: the two copies stay in the L1 cache. */
    static final int BLOCK = 4096;
    private static final int PAD = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int block;
    /** The block's octets, overwritten by its marks (0x80 marked, 0 not), then PAD zeros. */
    private byte[] here = new byte[0];
    /** The octets one position later. */
    private byte[] next = new byte[0];

    WhitespaceMarks(int block) {
        if (block < 1) {
            throw new IllegalArgumentException("block");
        }
        this.block = block;
    }

    /** Octets per block. */
    int block() {
        return block;
    }

    /**
     * Marks positions {@code from .. from+n)} of {@code b}; reads {@code b[from .. from+n]}
     * (one octet more). Returns the marks: index k for position from+k, 0x80 marked, 0 not,
     * followed by at least 31 zeros (so that it can be read 32 at a time).
     */
    byte[] mark(byte[] b, int from, int n) {
        if (here.length < n + PAD) {
            int size = Math.min(block, Math.max(n, 256)) + PAD; // small bodies get small buffers
            here = new byte[size];
            next = new byte[size];
        }
        byte[] h = here;
        byte[] x2 = next;
        System.arraycopy(b, from, h, 0, n);
        System.arraycopy(b, from + 1, x2, 0, n);
        for (int k = 0; k < n; k++) {
            // Octet-wise, in the low 8 bits of int arithmetic (bit 7 of each term is the answer):
            // (x - 0x0A) & ~x: x < 0x0A (HTAB is 0x09); (s - 1) & ~s with s = x ^ SP: x == SP;
            // (y - 0x21) & ~y: the next octet y <= 0x20 (SP, HTAB, CR, LF, controls).
            int x = h[k];
            int y = x2[k];
            int s = x ^ ' ';
            h[k] = (byte) ((((x - 0x0A) & ~x) | ((s - 1) & ~s & (y - 0x21) & ~y)) & 0x80);
        }
        Arrays.fill(h, n, n + PAD, (byte) 0);
        return h;
    }

    /** The 8 marks at {@code marks[p .. p+8)} as one long, mark k of them in bits 8k..8k+7. */
    static long word(byte[] marks, int p) {
        return (long) LONGS.get(marks, p);
    }
}
