package smtp.server.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.queue.QueueId;
import smtp.queue.TraceFields;
import smtp.session.Envelope;
import smtp.session.MessageStore;
import smtp.session.MessageWriter;
import smtp.session.Origin;
import smtp.session.Recipient;
import smtp.wire.Domain;
import smtp.wire.HeaderField;
import smtp.wire.Mailbox;
import smtp.wire.Path;
import smtp.wire.Reply;

/** What goes into the spool: the header section filtered, the rest as it came, at any chunking. */
class SpoolMessageTest {

    /** An in-memory stand-in for the queue's store: keeps the content and the trace fields it is given. */
    static final class MemorySpool implements Function<TraceFields, MessageStore> {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        List<HeaderField> trace;
        boolean aborted;

        @Override
        public MessageStore apply(TraceFields fields) {
            return envelope -> new MessageWriter() {
                @Override
                public void write(byte[] buf, int off, int len) {
                    content.write(buf, off, len);
                }

                @Override
                public long size() {
                    return content.size();
                }

                @Override
                public InputStream openStream() {
                    return new ByteArrayInputStream(content.toByteArray());
                }

                @Override
                public Reply commit() throws IOException {
                    trace = fields.fields(envelope, new QueueId("01TESTID00"), this);
                    return Reply.of(250, "2.0.0", "OK: queued as 01TESTID00");
                }

                @Override
                public void abort() {
                    aborted = true;
                }
            };
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

    private static SpoolMessage open(MemorySpool spool) throws Exception {
        return new SpoolMessage(spool, envelope(), "mx.example.test", Optional.empty(), h -> Optional.empty());
    }

    private static MemorySpool store(byte[] message, int... cuts) throws Exception {
        MemorySpool in = new MemorySpool();
        SpoolMessage m = open(in);
        int from = 0;
        for (int c : cuts) {
            m.write(message, from, c - from);
            from = c;
        }
        m.write(message, from, message.length - from);
        assertEquals(message.length, m.size());
        assertEquals(250, m.commit().code());
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
        MemorySpool in = new MemorySpool();
        SpoolMessage m = open(in);
        byte[] message = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        m.write(message, 0, message.length);
        assertEquals(STORED, new String(m.openStream().readAllBytes(), StandardCharsets.US_ASCII), "read back from the spool");
        m.commit();
        assertEquals(STORED, in.content.toString(StandardCharsets.US_ASCII));
        assertEquals(1, in.trace.size());
        assertTrue(in.stored().startsWith("Received: from client.example.org ([192.0.2.1])"), in.stored());
        assertTrue(in.stored().contains("id 01TESTID00"), "the queue id the queue gives at the commit: " + in.stored());
    }

    @Test
    @Tag("5321-4.4a")
    void fieldsAddedAtTheEndOfDataGoAboveTheReceivedField() throws Exception {
        MemorySpool in = new MemorySpool();
        SpoolMessage m = open(in);
        byte[] message = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        m.write(message, 0, message.length);
        m.endOfData();
        m.addTrace(new HeaderField("Authentication-Results", " mx.example.test; spf=pass",
                "Authentication-Results: mx.example.test; spf=pass\r\n".getBytes(StandardCharsets.US_ASCII)));
        m.commit();
        assertEquals(List.of("Authentication-Results", "Received"), in.trace.stream().map(HeaderField::name).toList());
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
    @Tag("8601-5-server")
    void forgedFieldsAreRemovedEvenWhenTheHeaderSectionDoesNotParse_rfc8601_5() throws Exception {
        String forged = "Authentication-Results: MX.example.test; dkim=pass header.d=bank.example;\r\n\tdmarc=pass\r\n";
        String kept = "Authentication-Results: other.test; spf=pass smtp.mailfrom=a@example.org\r\n";
        for (String message : List.of(
                forged + "this line has no colon\r\n" + kept + "Subject: x\r\n\r\nbody\r\n",
                "this line has no colon\r\n" + forged + kept + "\r\nbody\r\n" + forged,
                " starts with white space\r\n" + forged + kept,
                "From: a@example.org\r\nbroken\r\n" + forged)) {
            byte[] m = message.getBytes(StandardCharsets.US_ASCII);
            String expected = message.replaceFirst(java.util.regex.Pattern.quote(forged), "");
            qt().forAll(integers().between(0, m.length)).checkAssert(cut -> {
                try {
                    assertEquals(expected, store(m, cut).content.toString(StandardCharsets.US_ASCII), message);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertEquals(10, SpoolMessage.nextField("A: b\r\n c\r\nD: e\r\n".getBytes(StandardCharsets.US_ASCII), 0, 17));
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
        MemorySpool in = new MemorySpool();
        SpoolMessage m = open(in);
        byte[] line = ("X-Filler: " + "y".repeat(88) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= SpoolMessage.MAX_HEADER / line.length; i++) {
            m.write(line, 0, line.length);
        }
        m.endOfData();
        assertTrue(m.headerTooLarge());
        m.abort();
        assertTrue(in.aborted);
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
