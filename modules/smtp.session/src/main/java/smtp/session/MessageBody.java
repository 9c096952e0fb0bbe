package smtp.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The content of a message to send (header section and body, CRLF line endings, not
 * dot-stuffed), e.g. a spool file. Opened once per delivery attempt.
 *
 * <p>{@link #traits()} tells the client whether the content is 8-bit or has UTF-8 header
 * fields, so that it is never sent to a server that cannot take it (RFC 6152 §3, RFC 6531 §3.2).
 * The factories here find them once, when the body is made; an implementation that knows them
 * (a spool that ran a {@link MessageTraits.Scanner} while writing) returns them too.
 */
public interface MessageBody {

    /** The size in octets (declared with SIZE=, RFC 1870, and sent as the BDAT chunk size). */
    long size();

    /** A fresh stream over the content. */
    InputStream open() throws IOException;

    /**
     * Whether the content is 8-bit and whether its header section is UTF-8; empty when not known,
     * and then the client goes by what the envelope declares ({@code BODY=}, SMTPUTF8) alone.
     */
    default Optional<MessageTraits> traits() {
        return Optional.empty();
    }

    /** A body held in memory; its traits are found now. */
    static MessageBody of(byte[] content) {
        byte[] copy = content.clone();
        Optional<MessageTraits> traits = Optional.of(MessageTraits.of(copy));
        return new MessageBody() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public Optional<MessageTraits> traits() {
                return traits;
            }
        };
    }

    /** A body read from a file; its size and traits are taken now (one read of the file). */
    static MessageBody of(Path file) throws IOException {
        long size = Files.size(file);
        Optional<MessageTraits> traits;
        try (InputStream in = Files.newInputStream(file)) {
            traits = Optional.of(MessageTraits.scan(in));
        }
        return new MessageBody() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public Optional<MessageTraits> traits() {
                return traits;
            }
        };
    }
}
