package smtp.server.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.queue.QueueId;
import smtp.queue.TraceFields;
import smtp.server.internal.store.SpoolMessage;
import smtp.session.Decision;
import smtp.session.Envelope;
import smtp.session.MessageStore;
import smtp.session.MessageWriter;
import smtp.session.Origin;
import smtp.session.Recipient;
import smtp.wire.Domain;
import smtp.wire.HeaderField;
import smtp.wire.HeaderSection;
import smtp.wire.Mailbox;
import smtp.wire.NullPath;
import smtp.wire.ReversePath;
import smtp.wire.Reply;

/**
 * The submission sender policy at the end of data, with the header completion of RFC 6409 §8
 * (From:, Date:, Message-ID: added when missing) as the spool applies it.
 */
class SenderControlTest {

    private static SenderControl control() throws Exception {
        PolicyFixture f = PolicyFixture.create("sender-");
        return new SenderControl(f.settings(), f.mailboxes());
    }

    private static Envelope envelope(ReversePath from, Optional<String> user) throws Exception {
        Origin o = new Origin(new Domain("laptop.example.test"), true, InetAddress.getByName("192.0.2.7"), Optional.empty(), user);
        return Envelope.of(from, List.of(Recipient.of(smtp.wire.Path.of(new Mailbox("carol", new Domain("remote.test"))))), o);
    }

    private static Envelope alice() throws Exception {
        return envelope(smtp.wire.Path.of(new Mailbox("alice+news", new Domain("example.test"))), Optional.of("alice"));
    }

    /** The message through a {@link SpoolMessage} completed by {@code control}: what is stored, and its header section. */
    private record Stored(String content, HeaderSection header) {
    }

    private static Stored spool(SenderControl control, Envelope envelope, String message) throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        java.util.function.Function<TraceFields, MessageStore> spool = fields -> env -> new MessageWriter() {
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
            public Reply commit() throws java.io.IOException {
                fields.fields(env, new QueueId("01TESTID00"), this);
                return Reply.of(250, "2.0.0", "OK");
            }

            @Override
            public void abort() {
            }
        };
        SpoolMessage m = new SpoolMessage(spool, envelope, "mx.example.test", Optional.empty(), h -> Optional.empty(),
                control::missingFields);
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        m.write(b, 0, b.length);
        m.commit();
        return new Stored(content.toString(StandardCharsets.UTF_8), m.header().orElse(null));
    }

    private static String value(Stored s, String name) {
        List<HeaderField> f = s.header().all(name);
        assertEquals(1, f.size(), name + " in " + s.content());
        return f.get(0).value().strip();
    }

    @Test
    @Tag("6409-8-server")
    void aSubmissionWithoutFromDateAndMessageIdIsCompleted_rfc6409_8() throws Exception {
        SenderControl c = control();
        Stored s = spool(c, alice(), "To: carol@remote.test\r\nSubject: bare\r\n\r\nbody\r\n");
        assertEquals("<alice+news@example.test>", value(s, "From"), "the envelope sender, which MAIL checked");
        ZonedDateTime date = ZonedDateTime.parse(value(s, "Date"),
                DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT));
        assertTrue(Math.abs(date.toEpochSecond() - ZonedDateTime.now().toEpochSecond()) < 3600, date.toString());
        assertTrue(value(s, "Message-ID").matches("<[0-9a-f-]{36}@mx\\.example\\.test>"), value(s, "Message-ID"));
        // Added at the end of the header section, the rest as it came.
        assertTrue(s.content().startsWith("To: carol@remote.test\r\nSubject: bare\r\nFrom: <alice+news@example.test>\r\nDate: "),
                s.content());
        assertTrue(s.content().endsWith(">\r\n\r\nbody\r\n"), s.content());
        // The From: check now sees the completed header: the user's own address.
        assertInstanceOf(Decision.Accept.class, c.header("alice", Optional.of(s.header())));
    }

    @Test
    @Tag("6409-8-server")
    void aMessageThatHasTheFieldsIsUnchanged_rfc6409_8() throws Exception {
        SenderControl c = control();
        String message = "from: Alice <alice@example.test>\r\nDATE: Tue, 3 Jun 2008 11:05:30 +0000\r\n"
                + "Message-Id: <kept@example.test>\r\nSubject: full\r\n\r\nbody\r\n";
        assertEquals(message, spool(c, alice(), message).content(), "field names match in any case (RFC 5322 §1.2.2)");
    }

    @Test
    @Tag("6409-8-server")
    void onlyWhatIsMissingIsAddedAndMessagesWithoutEmptyLineOrHeaderAreCompleted_rfc6409_8() throws Exception {
        SenderControl c = control();
        Stored s = spool(c, alice(), "From: alice@example.test\r\nSubject: no date");
        assertTrue(s.content().startsWith("From: alice@example.test\r\nSubject: no date\r\nDate: "), s.content());
        assertEquals(List.of("From", "Subject", "Date", "Message-ID"), s.header().fields().stream().map(HeaderField::name).toList());
        Stored empty = spool(c, alice(), "\r\nonly a body\r\n");
        assertEquals(List.of("From", "Date", "Message-ID"), empty.header().fields().stream().map(HeaderField::name).toList());
        assertTrue(empty.content().startsWith("From: <alice+news@example.test>\r\n"), empty.content());
        assertTrue(empty.content().endsWith(">\r\n\r\nonly a body\r\n"), empty.content());
    }

    @Test
    @Tag("6409-8-server")
    void theNullReversePathGetsTheUsersAddressAtTheHostName_rfc6409_8() throws Exception {
        SenderControl c = control();
        Stored s = spool(c, envelope(new NullPath(), Optional.of("Alice")), "Subject: mdn\r\n\r\nx\r\n");
        assertEquals("<alice@mx.example.test>", value(s, "From"));
        assertInstanceOf(Decision.Accept.class, c.header("alice", Optional.of(s.header())), "the host name is a local domain");
    }

    @Test
    @Tag("6409-8-server")
    void nothingIsAddedWithoutAuthNorToAHeaderSectionThatDoesNotParse() throws Exception {
        SenderControl c = control();
        String message = "Subject: x\r\n\r\nbody\r\n";
        assertEquals(message, spool(c, envelope(new NullPath(), Optional.empty()), message).content());
        String broken = "Subject: x\r\nthis line has no colon\r\n\r\nbody\r\n";
        Stored s = spool(c, alice(), broken);
        assertEquals(broken, s.content());
        assertEquals(null, s.header());
        Decision d = c.header("alice", Optional.empty());
        Decision.Reject r = assertInstanceOf(Decision.Reject.class, d);
        assertEquals(550, r.reply().code());
        assertEquals("5.6.0", r.reply().status().orElseThrow().toString());
    }

    @Test
    @Tag("4954-6-sender-server")
    void severalFromFieldsOrAForeignFromAreRefused() throws Exception {
        SenderControl c = control();
        Stored two = spool(c, alice(), "From: alice@example.test\r\nFrom: alice+x@example.test\r\n\r\nx\r\n");
        Decision.Reject r = assertInstanceOf(Decision.Reject.class, c.header("alice", Optional.of(two.header())));
        assertEquals(550, r.reply().code());
        assertEquals("5.6.0", r.reply().status().orElseThrow().toString());
        Stored foreign = spool(c, alice(), "From: bob@example.test\r\n\r\nx\r\n");
        r = assertInstanceOf(Decision.Reject.class, c.header("alice", Optional.of(foreign.header())));
        assertEquals("5.7.1", r.reply().status().orElseThrow().toString());
    }
}
