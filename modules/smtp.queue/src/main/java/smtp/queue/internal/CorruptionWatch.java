package smtp.queue.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The content stream handed to a transport, noting a {@link CorruptMessageException} (a damaged
 * spool file) even when the transport swallows it, so that the delivery run quarantines the
 * message instead of retrying it forever.
 */
final class CorruptionWatch extends FilterInputStream {

    private final AtomicReference<String> corrupt;

    /** Watches {@code in}; the first corruption's message goes to {@code corrupt}. */
    CorruptionWatch(InputStream in, AtomicReference<String> corrupt) {
        super(in);
        this.corrupt = corrupt;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (CorruptMessageException e) {
            corrupt.set(e.getMessage());
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (CorruptMessageException e) {
            corrupt.set(e.getMessage());
            throw e;
        }
    }
}
