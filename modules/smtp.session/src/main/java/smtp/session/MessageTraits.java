package smtp.session;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the content of a message needs from the server it is sent to, found in its octets: 8-bit
 * data and a header section that is not ASCII. The client checks them before MAIL, whatever the
 * envelope declared (a message can arrive without {@code BODY=8BITMIME} and still be 8-bit).
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>RFC 6152 §3: "If a server SMTP does not support the 8-bit MIME transport extension ...,
 *     then the client SMTP must not, under any circumstances, attempt to transfer a content which
 *     contains characters outside the US ASCII octet range (hex 00-7F)."</li>
 * <li>RFC 6531 §3.2 and RFC 6532 §3: UTF-8 in header fields needs a server that offers SMTPUTF8,
 *     and §3.4: "If the envelope or message being sent requires the capabilities of the SMTPUTF8
 *     extension, the SMTP client MUST supply the SMTPUTF8 parameter with the MAIL command."</li>
 * </ul>
 * The header section ends at the first empty line (RFC 5322 §2.1); a content without one is all
 * header.
 *
 * @param eightBitData some octet of the content (header or body) is above 127
 * @param utf8Headers  some octet of the header section is above 127 (implies {@code eightBitData})
 */
public record MessageTraits(boolean eightBitData, boolean utf8Headers) {

    /** ASCII only: needs neither 8BITMIME nor SMTPUTF8. */
    public static final MessageTraits SEVEN_BIT = new MessageTraits(false, false);

    public MessageTraits {
        if (utf8Headers && !eightBitData) {
            throw new IllegalArgumentException("UTF-8 header fields are 8-bit data");
        }
    }

    /** The traits of {@code content}. */
    public static MessageTraits of(byte[] content) {
        Scanner s = new Scanner();
        s.update(content, 0, content.length);
        return s.traits();
    }

    /** Reads {@code in} to its end (without closing it) and returns the traits of what it read. */
    public static MessageTraits scan(InputStream in) throws IOException {
        Scanner s = new Scanner();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) != -1; ) {
            s.update(buf, 0, n);
            if (s.complete()) {
                break; // nothing left to learn
            }
        }
        return s.traits();
    }

    /**
     * Finds the traits of a content given in pieces, e.g. while a spool file is written, so that
     * no second pass over the octets is needed. Not thread-safe.
     */
    public static final class Scanner {

        private boolean inHeader = true;
        /** Octets of the current header line before its LF; 0 at the start of a line. */
        private long lineLength;
        private boolean lastWasCr;
        private boolean eightBit;
        private boolean utf8Headers;

        /** Takes the next octets of the content. */
        public void update(byte[] buf, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, buf.length);
            int end = off + len;
            int i = off;
            while (inHeader && i < end) {
                byte b = buf[i++];
                if (b == '\n') {
                    // An empty line (CRLF, or a bare LF) ends the header section.
                    inHeader = !(lineLength == 0 || (lineLength == 1 && lastWasCr));
                    lineLength = 0;
                } else {
                    if (b < 0) {
                        eightBit = true;
                        utf8Headers = true;
                    }
                    lineLength++;
                }
                lastWasCr = b == '\r';
            }
            while (!eightBit && i < end) {
                eightBit = buf[i++] < 0;
            }
        }

        /** True when more octets cannot change the result. */
        public boolean complete() {
            return eightBit && (utf8Headers || !inHeader);
        }

        /** The traits of the octets so far. */
        public MessageTraits traits() {
            return new MessageTraits(eightBit, utf8Headers);
        }
    }
}
