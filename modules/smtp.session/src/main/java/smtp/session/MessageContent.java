package smtp.session;

import java.io.IOException;
import java.io.InputStream;

/**
 * Read access to a message that has been received completely but not yet committed, so that a
 * {@link Policy} can inspect it at the end of data (DKIM, DMARC, content checks).
 */
public interface MessageContent {

    /** The octets received (after dot-unstuffing for DATA; as sent for BDAT). */
    long size();

    /** A fresh stream over the whole message from its first octet. */
    InputStream openStream() throws IOException;
}
