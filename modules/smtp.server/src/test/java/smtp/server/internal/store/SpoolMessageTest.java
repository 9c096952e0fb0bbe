package smtp.server.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.queue.Incoming;
import smtp.queue.QueueId;
import smtp.session.Envelope;
import smtp.session.Origin;
import smtp.session.Recipient;
import smtp.wire.Domain;
import smtp.wire.HeaderField;
import smtp.wire.Mailbox;
import smtp.wire.Path;

/** What goes into the spool: the header section filtered, the rest as it came, at any chunking. */
class SpoolMessageTest {

    /** An in-memory spool entry. */
    static final class MemoryIncoming implements Incoming {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        List<HeaderField> trace;
        boolean closed;

        @Override
        public QueueId id() {
            return new QueueId("01TESTID00");
        }

        @Override
        public OutputStream content() {
            return content;
        }

        @Override
        public long size() {
            return content.size();
        }

        @Override
        public java.io.InputStream openContent() {
            return new java.io.ByteArrayInputStream(content.toByteArray());
        }

        @Override
        public QueueId commit(List<HeaderField> t) {
            trace = t;
            return id();
        }

        @Override
        public void close() {
            closed = true;
        }

        String stored() {
            StringBuilder b = new StringBuilder();
            trace.forEach(f -> b.append(new String(f.raw(), StandardCharsets.UTF_8)));
            return b + content.toString(StandardCharsets.UTF_8);
        }
    }

    private static Envelope envelope() throws Exception {
        Origin o = new Origin(new Domain("client.example.org"), true, InetAddress.getByName("192.0.2.1"), Optional.empty(),
                Optional.empty());
        return Envelope.of(Path.of(new Mailbox("s", new Domain("example.org"))),
                List.of(Recipient.of(Path.of(new Mailbox("alice", new Domain("example.test"))))), o);
    }

    private static MemoryIncoming store(byte[] message, int... cuts) throws Exception {
        MemoryIncoming in = new MemoryIncoming();
        SpoolMessage m = new SpoolMessage(in, envelope(), "mx.example.test", Optional.empty(), h -> Optional.empty());
        int from = 0;
        for (int c : cuts) {
            m.write(message, from, c - from);
            from = c;
        }
        m.write(message, from, message.length - from);
        assertEquals(message.length, m.size());
        m.commit();
        return in;
    }

    private static final String MESSAGE = "Authentication-Results: mx.example.test; dkim=pass header.d=example.test\r\n"
            + "From: a@example.org\r\nAuthentication-Results: other.test; spf=pass smtp.mailfrom=a@example.org\r\n"
            + "Subject: hi\r\n\r\nbody line\r\n\r\nAuthentication-Results: mx.example.test; in the body stays\r\n";

    private static final String STORED = "From: a@example.org\r\nAuthentication-Results: other.test; spf=pass smtp.mailfrom=a@example.org\r\n"
            + "Subject: hi\r\n\r\nbody line\r\n\r\nAuthentication-Results: mx.example.test; in the body stays\r\n";

    @Test
    @Tag("8601-5-server")
    void forgedFieldsAreRemovedFromTheHeaderOnly() throws Exception {
        MemoryIncoming in = store(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        assertEquals(STORED, in.content.toString(StandardCharsets.US_ASCII));
        SpoolMessage again = new SpoolMessage(in, envelope(), "mx.example.test", Optional.empty(), h -> Optional.empty());
        assertEquals(STORED, new String(again.openStream().readAllBytes(), StandardCharsets.US_ASCII), "read back from the spool");
        assertEquals(1, in.trace.size());
        assertTrue(in.stored().startsWith("Received: from client.example.org ([192.0.2.1])"), in.stored());
    }

    @Test
    @Tag("8601-5-server")
    void theResultDoesNotDependOnHowTheDataIsCut() {
        byte[] m = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        qt().forAll(integers().between(0, m.length), integers().between(0, m.length)).checkAssert((a, b) -> {
            try {
                assertEquals(STORED, store(m, Math.min(a, b), Math.max(a, b)).content.toString(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    @Tag("5321-4.4a")
    void messagesWithoutAnEmptyLineOrWithoutAHeaderAreKept() throws Exception {
        assertEquals("Subject: only a header\r\n", store("Subject: only a header\r\n".getBytes(StandardCharsets.US_ASCII))
                .content.toString(StandardCharsets.US_ASCII));
        assertEquals("\r\nbody without header\r\n", store("\r\nbody without header\r\n".getBytes(StandardCharsets.US_ASCII))
                .content.toString(StandardCharsets.US_ASCII));
        assertEquals("not a header line\r\n\r\nx\r\n", store("not a header line\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII))
                .content.toString(StandardCharsets.US_ASCII));
        assertEquals("", store(new byte[0]).content.toString(StandardCharsets.US_ASCII));
    }

    @Test
    @Tag("8601-5-server")
    void anOversizedHeaderIsFlaggedAndAbortDiscards() throws Exception {
        MemoryIncoming in = new MemoryIncoming();
        SpoolMessage m = new SpoolMessage(in, envelope(), "mx.example.test", Optional.empty(), h -> Optional.empty());
        byte[] line = ("X-Filler: " + "y".repeat(88) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= SpoolMessage.MAX_HEADER / line.length; i++) {
            m.write(line, 0, line.length);
        }
        m.endOfData();
        assertTrue(m.headerTooLarge());
        m.abort();
        assertTrue(in.closed);
    }

    @Test
    @Tag("8601-5-server")
    void headerEndIsFoundAcrossChunks() {
        byte[] h = "A: b\r\n\r\nrest".getBytes(StandardCharsets.US_ASCII);
        assertEquals(8, SpoolMessage.headerEnd(h, 0, h.length));
        assertEquals(8, SpoolMessage.headerEnd(h, 4, h.length));
        assertEquals(-1, SpoolMessage.headerEnd(h, 0, 7));
        assertEquals(2, SpoolMessage.headerEnd("\r\nbody".getBytes(StandardCharsets.US_ASCII), 0, 6));
        List<Integer> all = new ArrayList<>();
        all.add(SpoolMessage.headerEnd(new byte[0], 0, 0));
        assertEquals(List.of(-1), all);
    }
}
