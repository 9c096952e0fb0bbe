package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.dns.testing.Interop;
import smtp.queue.Diagnostic;
import smtp.queue.DsnConfig;
import smtp.queue.Envelope;
import smtp.queue.Origin;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.RecipientState;
import smtp.queue.RecipientStatus;
import smtp.queue.RetryPolicy;
import smtp.wire.BodyType;
import smtp.wire.NullPath;
import smtp.wire.Notify;
import smtp.wire.Reply;
import smtp.wire.Ret;

class DsnWriterTest {

    static final Instant ARRIVAL = Instant.parse("2026-03-01T09:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    static final QueueId ORIGINAL = new QueueId("0ORIGINAL0000001");
    static final QueueId DSN = new QueueId("0DSN000000000001");

    final DsnWriter writer = new DsnWriter(DsnConfig.of("mx.example.org"), RetryPolicy.DEFAULT);

    static final byte[] CONTENT = ("Received: from client.example.org by mx.example.org; Sun, 1 Mar 2026 09:00:00 +0000\r\n"
            + "From: Alice <alice@example.org>\r\nTo: bob@example.com\r\nSubject: quarterly figures\r\n"
            + "Message-ID: <q1@example.org>\r\n\r\nThe figures are attached.\r\n.\r\nEnd.\r\n").getBytes(StandardCharsets.US_ASCII);

    static QueuedMessage message(Envelope env) throws Exception {
        Origin origin = new Origin(Optional.of(InetAddress.getByName("192.0.2.1")), Optional.of("client.example.org"), Optional.empty());
        return new QueuedMessage(ORIGINAL, ARRIVAL, origin, env, CONTENT.length);
    }

    static Envelope envelope(Optional<Ret> ret, Recipient... rcpts) {
        return new Envelope(Fixtures.envelope("alice@example.org", rcpts).reversePath(), List.of(rcpts), ret,
                Optional.of("QQ314159"), Optional.empty(), false);
    }

    static RecipientState failed(String reply) {
        Reply r = smtp.wire.Reply.of(550, "5.1.1", reply);
        return new RecipientState(RecipientStatus.FAILED, 1, Optional.of(NOW), NOW,
                Optional.of(Diagnostic.remote("mx.example.com", r)), true, false);
    }

    byte[] write(QueuedMessage m, List<DsnWriter.Item> items) throws Exception {
        DsnWriter.Plan plan = writer.plan(m, items, Fixtures.mailbox("alice", "example.org"), () -> new ByteArrayInputStream(CONTENT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, DSN, NOW, m, items, plan, () -> new ByteArrayInputStream(CONTENT));
        return out.toByteArray();
    }

    @Test
    @Tag("3464-2a")
    @Tag("3464-2.2")
    @Tag("3464-2.3")
    void failureReportHasEveryRequiredField_rfc3464_2() throws Exception {
        Recipient bob = Fixtures.rcptWithOrcpt("bob@example.com", "Bob@Example.COM", Notify.FAILURE);
        QueuedMessage m = message(envelope(Optional.empty(), bob));
        ParsedDsn d = new ParsedDsn(write(m, List.of(new DsnWriter.Item(bob, failed("User unknown")))));
        assertEquals("Mail Delivery System <MAILER-DAEMON@mx.example.org>", d.top.header("From"));
        assertEquals("<alice@example.org>", d.top.header("To"));
        assertEquals("Undelivered Mail Returned to Sender", d.top.header("Subject"));
        assertEquals("Sun, 1 Mar 2026 09:30:00 +0000", d.top.header("Date"));
        assertEquals("auto-replied", d.top.header("Auto-Submitted"));
        assertEquals("1.0", d.top.header("MIME-Version"));
        assertEquals(Map.of("original-envelope-id", "QQ314159", "reporting-mta", "dns; mx.example.org",
                "received-from-mta", "dns; client.example.org (192.0.2.1)",
                "arrival-date", "Sun, 1 Mar 2026 09:00:00 +0000"), d.perMessage);
        assertEquals(1, d.perRecipient.size());
        Map<String, String> r = d.perRecipient.get(0);
        assertEquals("rfc822;Bob@Example.COM", r.get("original-recipient"));
        assertEquals("rfc822; bob@example.com", r.get("final-recipient"));
        assertEquals("failed", r.get("action"));
        assertEquals("5.1.1", r.get("status"));
        assertEquals("dns; mx.example.com", r.get("remote-mta"));
        assertEquals("smtp; 550 5.1.1 User unknown", r.get("diagnostic-code"));
        assertEquals("Sun, 1 Mar 2026 09:30:00 +0000", r.get("last-attempt-date"));
        assertEquals("0ORIGINAL0000001", r.get("final-log-id"));
        assertFalse(r.containsKey("will-retry-until"));
        assertTrue(d.parts.get(0).body().contains("<bob@example.com>: failed, host mx.example.com said: 550 5.1.1 User unknown"));
    }

    @Test
    @Tag("3461-4.3")
    void retFullReturnsTheWholeMessage_rfc3461_4_3() throws Exception {
        Recipient bob = Fixtures.rcpt("bob@example.com");
        QueuedMessage m = message(envelope(Optional.of(Ret.FULL), bob));
        ParsedDsn d = new ParsedDsn(write(m, List.of(new DsnWriter.Item(bob, failed("no")))));
        assertEquals("message/rfc822", d.returned().header("Content-Type"));
        assertEquals(new String(CONTENT, StandardCharsets.US_ASCII), d.returned().body());
        assertEquals("Undelivered Message", d.returned().header("Content-Description"));
    }

    @Test
    @Tag("3461-4.3")
    void retHdrsReturnsOnlyTheHeaderSection_rfc3461_4_3() throws Exception {
        Recipient bob = Fixtures.rcpt("bob@example.com");
        QueuedMessage m = message(envelope(Optional.of(Ret.HDRS), bob));
        byte[] raw = write(m, List.of(new DsnWriter.Item(bob, failed("no"))));
        ParsedDsn d = new ParsedDsn(raw);
        assertEquals("text/rfc822-headers", d.returned().header("Content-Type"));
        String text = new String(raw, StandardCharsets.US_ASCII);
        assertTrue(text.contains("Subject: quarterly figures\r\n"));
        assertFalse(text.contains("The figures are attached."));
        assertEquals("Undelivered Message Headers", d.returned().header("Content-Description"));
    }

    @Test
    @Tag("3461-4.3")
    void tooLargeOrBinaryMessagesAreReturnedAsHeaders_rfc3461_4_3() throws Exception {
        Recipient bob = Fixtures.rcpt("bob@example.com");
        Envelope binary = new Envelope(envelope(Optional.of(Ret.FULL), bob).reversePath(), List.of(bob), Optional.of(Ret.FULL),
                Optional.empty(), Optional.of(BodyType.BINARY_MIME), false);
        ParsedDsn d = new ParsedDsn(write(message(binary), List.of(new DsnWriter.Item(bob, failed("no")))));
        assertEquals("text/rfc822-headers", d.returned().header("Content-Type"));
        DsnWriter small = new DsnWriter(new DsnConfig("mx.example.org", Optional.empty(), 10), RetryPolicy.DEFAULT);
        QueuedMessage m = message(envelope(Optional.of(Ret.FULL), bob));
        List<DsnWriter.Item> items = List.of(new DsnWriter.Item(bob, failed("no")));
        DsnWriter.Plan plan = small.plan(m, items, Fixtures.mailbox("alice", "example.org"), () -> new ByteArrayInputStream(CONTENT));
        assertFalse(plan.returnFull());
    }

    @Test
    @Tag("3464-2.3")
    void delayedReportCarriesWillRetryUntil_rfc3464_2_3_7() throws Exception {
        Recipient bob = Fixtures.rcpt("bob@example.com");
        QueuedMessage m = message(envelope(Optional.empty(), bob));
        RecipientState pending = new RecipientState(RecipientStatus.PENDING, 3, Optional.of(NOW), NOW.plus(Duration.ofMinutes(20)),
                Optional.of(Diagnostic.local("mx.example.com", 421, "4.4.2", "connection dropped")), true, false);
        ParsedDsn d = new ParsedDsn(write(m, List.of(new DsnWriter.Item(bob, pending))));
        assertEquals("Delayed Mail (still being retried)", d.top.header("Subject"));
        Map<String, String> r = d.perRecipient.get(0);
        assertEquals("delayed", r.get("action"));
        assertEquals("4.4.2", r.get("status"));
        assertEquals("dns; mx.example.com", r.get("remote-mta"));
        assertFalse(r.containsKey("diagnostic-code"), "a dropped connection is our observation, not the remote's reply");
        assertEquals("Fri, 6 Mar 2026 09:00:00 +0000", r.get("will-retry-until"));
        assertEquals("text/rfc822-headers", d.returned().header("Content-Type"));
    }

    @Test
    @Tag("3461-6.1")
    @Tag("5321-6.1c")
    void dsnEnvelopeHasTheNullReversePath_rfc3461_6_1() throws Exception {
        Recipient bob = Fixtures.rcpt("bob@example.com");
        QueuedMessage m = message(envelope(Optional.empty(), bob));
        List<DsnWriter.Item> items = List.of(new DsnWriter.Item(bob, failed("no")));
        DsnWriter.Plan plan = writer.plan(m, items, Fixtures.mailbox("alice", "example.org"), () -> new ByteArrayInputStream(CONTENT));
        Envelope env = writer.envelope(plan);
        assertEquals(new NullPath(), env.reversePath());
        assertEquals("alice@example.org", env.recipients().get(0).mailbox().toString());
        assertEquals(Optional.of(BodyType.SEVEN_BIT), env.body());
        assertFalse(env.smtpUtf8());
    }

    @Test
    void internationalAddressesUseTheGlobalTypes_rfc6533() throws Exception {
        Recipient jose = new Recipient(Fixtures.mailbox("josé", "exämple.com"), java.util.Set.of(), Optional.empty());
        Envelope env = new Envelope(Fixtures.envelope("alice@example.org", jose).reversePath(), List.of(jose),
                Optional.of(Ret.FULL), Optional.empty(), Optional.of(BodyType.EIGHT_BIT_MIME), true);
        QueuedMessage m = message(env);
        List<DsnWriter.Item> items = List.of(new DsnWriter.Item(jose, failed("no")));
        DsnWriter.Plan plan = writer.plan(m, items, Fixtures.mailbox("alice", "example.org"), () -> new ByteArrayInputStream(CONTENT));
        assertTrue(plan.international() && plan.eightBit());
        ParsedDsn d = new ParsedDsn(write(m, items));
        assertEquals("message/global-delivery-status", d.parts.get(1).header("Content-Type"));
        assertEquals("utf-8; josé@exämple.com", d.perRecipient.get(0).get("final-recipient"));
        assertEquals("message/global", d.returned().header("Content-Type"));
        assertTrue(writer.envelope(plan).smtpUtf8());
    }

    @Test
    void controlCharactersCannotForgeFields() throws Exception {
        Recipient bob = new Recipient(Fixtures.mailbox("bob", "example.com"), java.util.Set.of(),
                Optional.of(new smtp.wire.OriginalRecipient("rfc822", "x@y\r\nAction: delivered")));
        QueuedMessage m = message(envelope(Optional.empty(), bob));
        ParsedDsn d = new ParsedDsn(write(m, List.of(new DsnWriter.Item(bob, failed("no")))));
        assertEquals("failed", d.perRecipient.get(0).get("action"));
        assertEquals("rfc822;x@y+0D+0AAction:+20delivered", d.perRecipient.get(0).get("original-recipient"));
    }

    @Test
    @Tag("3464-2a")
    void pythonEmailPackageReadsTheReport_rfc3464_2(@TempDir Path tmp) throws Exception {
        Path python = Interop.debianPython();
        Recipient bob = Fixtures.rcptWithOrcpt("bob@example.com", "bob@example.com");
        Recipient carol = Fixtures.rcpt("carol@example.com");
        QueuedMessage m = message(envelope(Optional.of(Ret.FULL), bob, carol));
        RecipientState pending = new RecipientState(RecipientStatus.PENDING, 2, Optional.of(NOW), NOW.plusSeconds(600),
                Optional.of(Diagnostic.remote("mx.example.com", Reply.of(451, "4.7.1", "Greylisted"))), true, false);
        Path file = tmp.resolve("dsn.eml");
        Files.write(file, write(m, List.of(new DsnWriter.Item(bob, failed("User unknown")), new DsnWriter.Item(carol, pending))));
        Path script = tmp.resolve("check.py");
        Files.writeString(script, """
                import sys, email
                from email import policy
                msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
                assert not msg.defects, msg.defects
                print(msg.get_content_type(), msg.get_param('report-type'))
                parts = list(msg.iter_parts())
                print(' '.join(p.get_content_type() for p in parts))
                status = parts[1]
                blocks = status.get_payload()
                print('per-message', blocks[0]['Reporting-MTA'], '|', blocks[0]['Arrival-Date'])
                for b in blocks[1:]:
                    print('recipient', b['Final-Recipient'], '|', b['Action'], '|', b['Status'], '|', b.get('Diagnostic-Code'))
                returned = parts[2].get_payload()[0]
                print('returned', returned['Subject'], '|', returned['Message-ID'])
                for p in parts:
                    assert not p.defects, p.defects
                """);
        Process p = new ProcessBuilder(python.toString(), script.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("""
                multipart/report delivery-status
                text/plain message/delivery-status message/rfc822
                per-message dns; mx.example.org | Sun, 1 Mar 2026 09:00:00 +0000
                recipient rfc822; bob@example.com | failed | 5.1.1 | smtp; 550 5.1.1 User unknown
                recipient rfc822; carol@example.com | delayed | 4.7.1 | smtp; 451 4.7.1 Greylisted
                returned quarterly figures | <q1@example.org>
                """, out);
    }
}
