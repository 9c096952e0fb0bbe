package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.queue.MailQueue;
import smtp.queue.QueueAdmin;
import smtp.queue.QueueConfig;
import smtp.queue.QueueEntry;
import smtp.queue.Router;
import smtp.queue.SpoolConfig;
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

    @Test
    @Tag("5321-6.1a")
    void no250IsSentBeforeTheCommitIsDurable_rfc5321_6_1() throws Exception {
        // The durability step of the commit (the directory sync after the rename) is held on a latch.
        CountDownLatch syncStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean synced = new AtomicBoolean();
        GroupCommitter.DirectorySync held = directory -> {
            syncStarted.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("test never released the sync");
                }
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            GroupCommitter.FSYNC.sync(directory);
            synced.set(true);
        };
        try (Spool spool = Spool.open(SpoolConfig.of(dir), new Fixtures.TestClock(), held);
             SmtpReceiver receiver = new SmtpReceiver(0, new QueueMessageStore(spool, "mx.example.org", (env, id, c) -> List.of()));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(reply(in).startsWith("220"));
            for (String[] step : new String[][] {{"EHLO client.test", "250"}, {"MAIL FROM:<alice@example.org>", "250"},
                    {"RCPT TO:<bob@example.com>", "250"}, {"DATA", "354"}}) {
                out.write((step[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String r = reply(in);
                assertTrue(r.startsWith(step[1]), step[0] + " -> " + r);
            }
            out.write("Subject: held\r\n\r\nbody\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(syncStarted.await(30, TimeUnit.SECONDS), "the commit reached its directory sync");
            // The message is renamed into queue/ but not yet durable: the client must hear nothing.
            socket.setSoTimeout(1_000);
            assertThrows(SocketTimeoutException.class, in::read, "a reply was sent before the commit was durable");
            assertFalse(synced.get());
            release.countDown();
            socket.setSoTimeout(30_000);
            String r = reply(in);
            assertTrue(synced.get(), "the sync had ended when the reply came");
            assertTrue(r.startsWith("250 2.0.0 OK: queued as "), r);
            assertEquals(1, spool.recover().size());
        } finally {
            release.countDown();
        }
    }

    /** Reads one (possibly multi-line) reply; returns its last line. */
    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }
}
