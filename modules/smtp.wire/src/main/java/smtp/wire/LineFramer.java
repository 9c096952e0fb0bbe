package smtp.wire;

import java.util.Optional;

/**
 * Frames command lines (and AUTH continuation lines) out of the octet stream from a client,
 * RFC 5321 §2.3.8: lines end with CRLF. A push framer: feed octets in chunks of any size,
 * take a line when one is complete. It never buffers more than the line limit: a line longer
 * than that is discarded up to its LF and reported as {@link Framed.TooLong}, so that a
 * client cannot exhaust memory (RFC 5321 §4.5.3.1.4).
 *
 * <p>Not thread-safe; one per connection.
 */
public final class LineFramer {

    /** A framed line. */
    public sealed interface Framed permits Framed.Line, Framed.TooLong {

        /**
         * A complete line.
         *
         * @param content the octets without the line ending
         * @param bareLf  true if the line ended with LF alone (tolerated for commands; the
         *                session decides)
         */
        record Line(byte[] content, boolean bareLf) implements Framed {
            public Line {
                content = content.clone();
            }

            @Override
            public byte[] content() {
                return content.clone();
            }
        }

        /**
         * A line over the limit, discarded through its LF.
         *
         * @param octets how many octets the line had, its ending included
         */
        record TooLong(long octets) implements Framed {
        }
    }

    private final smtp.wire.internal.LineFraming impl;

    /** @param maxOctets the longest line accepted, CRLF included (512 for commands, RFC 5321 §4.5.3.1.4) */
    public LineFramer(int maxOctets) {
        this.impl = new smtp.wire.internal.LineFraming(maxOctets);
    }

    /** Changes the limit for the next line (e.g. 12288 during AUTH, RFC 4954 §4). */
    public void maxOctets(int maxOctets) {
        impl.maxOctets(maxOctets);
    }

    /**
     * Consumes octets up to and including the end of one line. Call {@link #take()} after each
     * call; feeding again while a completed line has not been taken is a caller bug and throws
     * {@link IllegalStateException} (no input can cause it).
     *
     * @return octets consumed; fewer than {@code len} when a line ended within them
     */
    public int feed(byte[] buf, int off, int len) {
        return impl.feed(buf, off, len);
    }

    /** The line completed by the last {@link #feed}, if any; each line is returned once. */
    public Optional<Framed> take() {
        return impl.take();
    }

    /**
     * Octets of the incomplete line received so far (while an over-long line is being discarded,
     * the octets counted, not stored). Zero right after a line ended: a session can use this,
     * with the octets left in its own buffer, to detect data pipelined after STARTTLS.
     */
    public int pending() {
        return impl.pending();
    }
}
