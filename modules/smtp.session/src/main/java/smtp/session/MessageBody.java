package smtp.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The content of a message to send (header section and body, CRLF line endings, not
 * dot-stuffed), e.g. a spool file. Opened once per delivery attempt.
 */
public interface MessageBody {

    /** The size in octets (declared with SIZE=, RFC 1870, and sent as the BDAT chunk size). */
    long size();

    /** A fresh stream over the content. */
    InputStream open() throws IOException;

    /** A body held in memory. */
    static MessageBody of(byte[] content) {
        byte[] copy = content.clone();
        return new MessageBody() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }
        };
    }

    /** A body read from a file; its size is taken now. */
    static MessageBody of(Path file) throws IOException {
        long size = Files.size(file);
        return new MessageBody() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }
}
