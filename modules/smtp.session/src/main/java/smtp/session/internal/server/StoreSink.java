package smtp.session.internal.server;

import java.io.IOException;
import java.io.OutputStream;
import smtp.session.MessageWriter;

/**
 * An {@link OutputStream} over a {@link MessageWriter} that never throws: the first
 * {@link IOException} is kept and later octets are dropped, so that the session still reads the
 * message to its end (staying in step with the client) and then answers 451 4.3.0.
 */
final class StoreSink extends OutputStream {

    private final MessageWriter writer;
    private IOException failure;

    StoreSink(MessageWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        if (failure != null || len == 0) {
            return;
        }
        try {
            writer.write(buf, off, len);
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("message store failed", e);
        }
    }

    /** True when a write failed. */
    boolean failed() {
        return failure != null;
    }
}
