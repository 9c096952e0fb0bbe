package smtp.queue.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import smtp.queue.Incoming;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.wire.HeaderField;

/**
 * One message being written: a {@link MessageFile} in {@code tmp/}, moved into {@code queue/}
 * by {@link #commit}. See {@link Incoming} for the contract.
 *
 * <h2>Diagnostics</h2>
 * {@link #commit} throws {@link IOException} for write, sync and rename failures (the file is
 * then removed), and {@link IllegalStateException} when called twice or after close.
 */
final class SpoolWriter implements Incoming {

    private final Spool spool;
    private final QueuedMessage message;
    private final MessageFile.Template template;
    private final Path tmp;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final OutputStream buffered;
    private final OutputStream content;
    private boolean committed;
    private boolean closed;

    SpoolWriter(Spool spool, QueuedMessage message, MessageFile.Template template, Path tmp, FileChannel channel)
            throws IOException {
        this.spool = spool;
        this.message = message;
        this.template = template;
        this.tmp = tmp;
        this.channel = channel;
        channel.write(ByteBuffer.wrap(template.bytes()));
        this.buffered = new BufferedOutputStream(new CheckedOutputStream(Channels.newOutputStream(channel), crc), 1 << 16);
        this.content = new FilterOutputStream(buffered) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the session must not close the spool file; commit() does.
            }
        };
    }

    @Override
    public QueueId id() {
        return message.id();
    }

    @Override
    public OutputStream content() {
        return content;
    }

    @Override
    public long size() {
        try {
            buffered.flush();
            return channel.position() - template.bytes().length;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public InputStream openContent() throws IOException {
        if (committed || closed) {
            throw new IllegalStateException("content read after commit or close");
        }
        buffered.flush();
        long start = template.bytes().length;
        long end = channel.position();
        FileChannel reader = FileChannel.open(tmp, java.nio.file.StandardOpenOption.READ);
        reader.position(start);
        InputStream in = Channels.newInputStream(reader);
        return new java.io.FilterInputStream(new java.io.BufferedInputStream(in, 1 << 16)) {
            private long left = end - start;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                left -= b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }
        };
    }

    @Override
    public QueueId commit(List<HeaderField> trace) throws IOException {
        if (committed || closed) {
            throw new IllegalStateException("commit after commit or close");
        }
        try {
            buffered.flush();
            long contentOctets = channel.position() - template.bytes().length;
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            for (HeaderField f : trace) {
                byte[] raw = f.raw();
                // RFC 5322 §2.2: a header field ends with CRLF.
                if (raw.length < 2 || raw[raw.length - 2] != '\r' || raw[raw.length - 1] != '\n') {
                    throw new IllegalArgumentException("trace field " + f.name() + " does not end with CRLF");
                }
                t.write(raw);
            }
            byte[] traceBytes = t.toByteArray();
            crc.update(traceBytes);
            channel.write(ByteBuffer.wrap(traceBytes));
            channel.write(ByteBuffer.wrap(MessageFile.octets(contentOctets)), template.contentAt());
            channel.write(ByteBuffer.wrap(MessageFile.octets(traceBytes.length)), template.traceAt());
            channel.write(ByteBuffer.wrap(MessageFile.crc((int) crc.getValue())), template.crcAt());
            // The file's own octets first (in this thread, so concurrent writers sync in parallel)...
            spool.forceFile(channel);
            channel.close();
            QueuedMessage accepted = new QueuedMessage(message.id(), message.arrival(), message.origin(),
                    message.envelope(), contentOctets + traceBytes.length);
            // ...then its name, possibly together with other writers' names.
            spool.commit(tmp, accepted);
            committed = true;
            return message.id();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // discarding anyway
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // recovery removes whatever is left in tmp/
            }
        }
    }
}
