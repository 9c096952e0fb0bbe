package smtp.queue.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import smtp.queue.MessageState;
import smtp.queue.QueueEntry;
import smtp.queue.QueueId;

/**
 * Reads the queue directory without owning the spool: used by recovery and, while a queue
 * runs, by the administration commands (every file there is either immutable or replaced
 * atomically, so a reader sees a whole old or a whole new file; a file that disappears while
 * being read was removed and is skipped).
 */
public final class SpoolReader {

    /** What scanning found for one queue id. */
    public sealed interface Found permits Found.Entry, Found.Damaged, Found.Orphan {
        /** A readable message and its state. */
        record Entry(QueueEntry entry) implements Found {
        }

        /** A message whose files cannot be read. */
        record Damaged(QueueId id, String reason) implements Found {
        }

        /** A state file whose message was removed. */
        record Orphan(Path stateFile) implements Found {
        }
    }

    /** A content larger than this cannot be a trace section (a corrupt header). */
    private static final long MAX_TRACE = 1 << 20;

    private SpoolReader() {
    }

    /** Everything in {@code queue}, sorted by queue id (that is, by arrival). */
    public static List<Found> scan(Path queue) throws IOException {
        List<Path> files;
        try (var list = Files.list(queue)) {
            files = list.sorted().toList();
        }
        List<Found> found = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.endsWith(MessageFile.SUFFIX)) {
                Optional<QueueId> id = QueueId.parse(name.substring(0, name.length() - MessageFile.SUFFIX.length()));
                if (id.isEmpty()) {
                    continue;
                }
                read(queue, id.get()).ifPresent(found::add);
            } else if (name.endsWith(StateFile.SUFFIX)) {
                String base = name.substring(0, name.length() - StateFile.SUFFIX.length());
                if (!Files.exists(queue.resolve(base + MessageFile.SUFFIX))) {
                    found.add(new Found.Orphan(p));
                }
            }
        }
        return found;
    }

    /** One message, or empty if it is not (or no longer) in the queue. */
    public static Optional<Found> read(Path queue, QueueId id) throws IOException {
        Path msg = queue.resolve(id + MessageFile.SUFFIX);
        MessageFile.Header header;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(msg), 8192)) {
            switch (MessageFile.readHeader(in)) {
                case Decoded.Ok<MessageFile.Header> ok -> header = ok.value();
                case Decoded.Corrupt<MessageFile.Header> c -> {
                    return Optional.of(new Found.Damaged(id, c.reason()));
                }
            }
            long expected = header.length() + header.contentOctets() + header.traceOctets();
            long actual = Files.size(msg);
            if (actual != expected) {
                return Optional.of(new Found.Damaged(id, "file has " + actual + " octets, header says " + expected));
            }
            if (!header.message().id().equals(id)) {
                return Optional.of(new Found.Damaged(id, "file name and queue-id differ"));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        MessageState state;
        try {
            byte[] bytes = Files.readAllBytes(queue.resolve(id + StateFile.SUFFIX));
            switch (StateFile.parse(bytes, header.message())) {
                case Decoded.Ok<MessageState> ok -> state = ok.value();
                case Decoded.Corrupt<MessageState> c -> {
                    return Optional.of(new Found.Damaged(id, "state: " + c.reason()));
                }
            }
        } catch (NoSuchFileException e) {
            // No state yet: accepted and never tried.
            state = MessageState.initial(id, header.message().envelope().recipients().size(), header.message().arrival());
        }
        return Optional.of(new Found.Entry(new QueueEntry(header.message(), state)));
    }

    /**
     * The octets to deliver: the trace section, then the content. The CRC-32C of the file is
     * checked when the stream reaches its end; a mismatch or a short file is a
     * {@link CorruptMessageException} there, before the last octet is handed out, so that a
     * delivery can abort instead of ending DATA.
     */
    public static InputStream openContent(Path messageFile) throws IOException {
        FileChannel ch = FileChannel.open(messageFile, StandardOpenOption.READ);
        try {
            MessageFile.Header header;
            InputStream headerIn = new BufferedInputStream(Channels.newInputStream(ch), 8192);
            switch (MessageFile.readHeader(headerIn)) {
                case Decoded.Ok<MessageFile.Header> ok -> header = ok.value();
                case Decoded.Corrupt<MessageFile.Header> c -> throw new CorruptMessageException(c.reason());
            }
            if (header.traceOctets() > MAX_TRACE) {
                throw new CorruptMessageException("trace section of " + header.traceOctets() + " octets");
            }
            byte[] trace = new byte[(int) header.traceOctets()];
            ByteBuffer tb = ByteBuffer.wrap(trace);
            long at = header.length() + header.contentOctets();
            while (tb.hasRemaining()) {
                if (ch.read(tb, at + tb.position()) < 0) {
                    throw new CorruptMessageException("file ends inside the trace section");
                }
            }
            return new VerifyingStream(ch, header, trace);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Trace from memory, then content from the file, CRC-checked before the final octets. */
    private static final class VerifyingStream extends InputStream {
        private final FileChannel ch;
        private final byte[] trace;
        private final int expectedCrc;
        private final CRC32C crc = new CRC32C();
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).flip();
        private int traceAt;
        private long contentAt;
        private final long contentEnd;
        private boolean verified;

        VerifyingStream(FileChannel ch, MessageFile.Header header, byte[] trace) {
            this.ch = ch;
            this.trace = trace;
            this.expectedCrc = header.crc32c();
            this.contentAt = header.length();
            this.contentEnd = header.length() + header.contentOctets();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (traceAt < trace.length) {
                int n = Math.min(len, trace.length - traceAt);
                System.arraycopy(trace, traceAt, b, off, n);
                traceAt += n;
                return n;
            }
            if (!buf.hasRemaining()) {
                if (contentAt >= contentEnd) {
                    verify();
                    return -1;
                }
                buf.clear().limit((int) Math.min(buf.capacity(), contentEnd - contentAt));
                int n = ch.read(buf, contentAt);
                if (n < 0) {
                    throw new CorruptMessageException("file ends inside the content");
                }
                buf.flip();
                crc.update(buf.duplicate());
                contentAt += n;
                if (contentAt >= contentEnd) {
                    verify(); // before handing out the last chunk
                }
            }
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }

        private void verify() throws IOException {
            if (verified) {
                return;
            }
            crc.update(trace);
            if ((int) crc.getValue() != expectedCrc) {
                throw new CorruptMessageException("CRC-32C mismatch: the message file was damaged");
            }
            verified = true;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
