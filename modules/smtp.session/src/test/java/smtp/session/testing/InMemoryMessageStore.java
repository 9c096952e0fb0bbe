package smtp.session.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import smtp.session.Envelope;
import smtp.session.MessageStore;
import smtp.session.MessageWriter;
import smtp.wire.Reply;

/**
 * A {@link MessageStore} in memory, for tests and benchmarks: committed messages are kept in
 * order; {@link #open} counts how many were opened and {@link #aborted()} how many discarded.
 */
public final class InMemoryMessageStore implements MessageStore {

    /** A committed message. */
    public record Stored(Envelope envelope, byte[] content) {
        public String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final List<Stored> messages = Collections.synchronizedList(new ArrayList<>());
    private int opened;
    private int aborted;

    @Override
    public MessageWriter open(Envelope envelope) {
        opened++;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new MessageWriter() {
            @Override
            public void write(byte[] buf, int off, int len) {
                buffer.write(buf, off, len);
            }

            @Override
            public Reply commit() {
                messages.add(new Stored(envelope, buffer.toByteArray()));
                return Reply.of(250, "2.0.0", "OK: queued as " + messages.size());
            }

            @Override
            public void abort() {
                aborted++;
            }

            @Override
            public long size() {
                return buffer.size();
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(buffer.toByteArray());
            }
        };
    }

    public List<Stored> messages() {
        return List.copyOf(messages);
    }

    public int opened() {
        return opened;
    }

    public int aborted() {
        return aborted;
    }
}
