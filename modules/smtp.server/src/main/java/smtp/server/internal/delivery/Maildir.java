package smtp.server.internal.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Maildir (the qmail/Dovecot layout: {@code tmp/}, {@code new/}, {@code cur/}) and the
 * delivery of a message into it: written in {@code tmp/} under a unique name, synced to disk,
 * then linked into {@code new/} (an atomic step: the message appears whole or not at all) and
 * the directory synced, so that a delivery reported as done survives a crash.
 *
 * <p>Names are {@code <seconds>.Q<queue id>_<user>.<host>}: unique because queue ids are, and the
 * same again when a delivery is repeated after a crash between the link and the queue's
 * record of it, so that the repeat finds the message already there and does not deliver it
 * twice. Line ends are written as LF, the Unix form Maildir readers (Dovecot, mutt) expect.
 *
 * <p>The queue forgets a message without syncing its spool once every recipient is done
 * (smtp.queue's {@code Spool.deleteCompleted}), so a delivery reported as done must already be
 * durable here: the file is synced before the link and {@code new/} after it, and a repeat that
 * finds the name already there syncs {@code new/} again before saying so (the first attempt may
 * have been killed between its link and its sync). A repeat only finds the file in {@code new/}:
 * if a reader moved it to {@code cur/} in between, the repeat delivers a second copy
 * (at-least-once; scanning {@code cur/} on every delivery would cost a directory read).
 *
 * <h2>Diagnostics</h2>
 * {@link IOException} for file system trouble; the queue then defers the recipient.
 */
public final class Maildir {

    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path root;
    private final DirectorySync sync;

    /** The durability step of a delivery, a directory fsync; tests instrument it. */
    @FunctionalInterface
    interface DirectorySync {
        void sync(Path directory) throws IOException;
    }

    public Maildir(Path root) {
        this(root, Maildir::syncDirectory);
    }

    Maildir(Path root, DirectorySync sync) {
        this.root = root;
        this.sync = sync;
    }

    /** The Maildir's directory. */
    public Path root() {
        return root;
    }

    /** Creates {@code tmp/}, {@code new/} and {@code cur/} if missing. */
    public void create() throws IOException {
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(root.resolve(d));
        }
    }

    /**
     * Delivers {@code prefix} then {@code content} (CRLF lines, converted to LF) under the name
     * {@code base}; returns false when a message of that name was delivered before.
     */
    public boolean deliver(String base, byte[] prefix, InputStream content) throws IOException {
        // Usually all three exist: checking costs three stat(2) calls, where creating them
        // again costs three mkdir(2) calls, each failing with an exception.
        if (!Files.isDirectory(root.resolve("tmp")) || !Files.isDirectory(root.resolve("new"))
                || !Files.isDirectory(root.resolve("cur"))) {
            create();
        }
        Path target = root.resolve("new").resolve(base);
        if (Files.exists(target)) {
            // Delivered before, but perhaps killed before its directory sync: make the name durable
            // before the queue is told (it then forgets the message without a sync of its own).
            sync.sync(root.resolve("new"));
            return false;
        }
        Path tmp = root.resolve("tmp").resolve(base + "." + ProcessHandle.current().pid() + "." + COUNTER.incrementAndGet());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new LfOutputStream(java.nio.channels.Channels.newOutputStream(ch))) {
                out.write(prefix);
                content.transferTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                // link(2) fails if the name exists: the atomic "deliver once" step.
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                sync.sync(root.resolve("new"));
                return false;
            }
            sync.sync(root.resolve("new"));
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The name {@code <seconds>.<unique>.<host>} (the qmail convention; "/" and ":" in the host
     * name are written as {@code \057} and {@code \072}, as Dovecot does).
     */
    public static String name(long seconds, String unique, String host) {
        String safeHost = host.replace("/", "\\057").replace(":", "\\072");
        return seconds + "." + unique + "." + safeHost;
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the link itself is done.
            if (!(e instanceof java.nio.file.AccessDeniedException)) {
                throw e;
            }
        }
    }

    /** Writes CRLF as LF (message content never has a bare CR: the session refuses it). */
    private static final class LfOutputStream extends OutputStream {
        private final OutputStream out;
        private final byte[] buf = new byte[64 * 1024];
        private int n;
        private boolean pendingCr;

        LfOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (pendingCr) {
                pendingCr = false;
                if (b != '\n') {
                    put('\r');
                }
            }
            if (b == '\r') {
                pendingCr = true;
                return;
            }
            put(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int end = off + len;
            for (int i = off; i < end; i++) {
                byte c = b[i];
                if (pendingCr) {
                    pendingCr = false;
                    if (c != '\n') {
                        put('\r');
                    }
                }
                if (c == '\r') {
                    pendingCr = true;
                } else if (n < buf.length) {
                    buf[n++] = c;
                } else {
                    put(c);
                }
            }
        }

        private void put(int b) throws IOException {
            if (n == buf.length) {
                out.write(buf, 0, n);
                n = 0;
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void flush() throws IOException {
            if (pendingCr) {
                pendingCr = false;
                put('\r');
            }
            out.write(buf, 0, n);
            n = 0;
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }
}
