package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.queue.MailQueue;
import smtp.queue.QueueAdmin;
import smtp.queue.QueueConfig;
import smtp.queue.QueueEntry;
import smtp.queue.Router;
import smtp.session.DeliveryResult;
import smtp.session.RecipientResult;
import smtp.wire.HeaderField;
import smtp.wire.Postmaster;

/** The spool behind the real smtp.session server machine, end to end over a socket. */
class QueueMessageStoreTest {

    @TempDir
    Path dir;

    @Test
    @Tag("5321-6.1a")
    void serverAnswersQueuedAsOnlyAfterTheSpoolCommit_rfc5321_6_1() throws Exception {
        ScriptedTransport sink = ScriptedTransport.sink("maildir");
        try (MailQueue queue = MailQueue.open(QueueConfig.of(dir, "mx.example.org"), Router.localAndRemote(Set.of(), sink, sink, false));
             SmtpReceiver receiver = new SmtpReceiver(0, queue.messageStore((env, id, content) -> List.of(
                     HeaderField.of("Received", "from " + env.origin().heloName() + " by mx.example.org with "
                             + env.withProtocol() + " id " + id + " for <" + content.size() + " octets>"))))) {
            byte[] content = "Subject: via the session\r\n\r\nHello\r\n..dot\r\n".getBytes(StandardCharsets.US_ASCII);
            DeliveryResult r = SmtpSender.send(receiver.port(), Fixtures.envelope("alice@example.org",
                            Fixtures.rcpt("x@y.z")).reversePath(),
                    List.of(smtp.wire.Path.of(Fixtures.mailbox("bob", "example.com")), new Postmaster()), content,
                    Duration.ofSeconds(30));
            assertTrue(SmtpSender.accepted(r), r.toString());
            String reply = ((RecipientResult.Delivered) r.recipients().get(0)).reply().text();
            assertTrue(reply.startsWith("OK: queued as "), reply);
            List<QueueEntry> entries = QueueAdmin.of(dir).list();
            assertEquals(1, entries.size());
            QueueEntry e = entries.get(0);
            assertEquals("OK: queued as " + e.id(), reply);
            assertEquals("[bob@example.com, postmaster@mx.example.org]",
                    e.message().envelope().recipients().stream().map(x -> x.mailbox().toString()).toList().toString());
            assertEquals("sender.test", e.message().origin().heloName().orElseThrow());
            String stored = new String(QueueAdmin.of(dir).content(e.id()).orElseThrow(), StandardCharsets.US_ASCII);
            assertEquals("Received: from sender.test by mx.example.org with ESMTP id " + e.id() + " for <"
                    + content.length + " octets>\r\n" + new String(content, StandardCharsets.US_ASCII), stored);
        }
    }
}
