package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.testing.Interop;
import smtp.server.testing.Peers;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * A real IMAP server, Dovecot, serves the Maildir this MTA wrote, and Python's imaplib reads the
 * messages back: the Maildir layout, file names and line ends are what Dovecot expects.
 */
class DovecotImapTest {

    @Test
    @Tag("5321-6.1-maildir")
    void dovecotServesTheDeliveredMessagesOverImap() throws Exception {
        Path dovecot = Interop.requireExecutable("dovecot");
        Path python = Interop.debianPython();
        try (TestMta mta = TestMta.builder().start()) {
            try (SmtpDialog d = SmtpDialog.connect(mta.smtp())) {
                expect(d.read(), 220);
                expect(d.cmd("EHLO client.remote.test"), 250);
                for (int i = 1; i <= 3; i++) {
                    expect(d.mail("sender@remote.test", List.of("alice@example.test"),
                            "From: sender@remote.test\r\nTo: alice@example.test\r\nSubject: imap " + i
                                    + "\r\nMessage-ID: <imap" + i + "@remote.test>\r\n\r\nLine one of " + i + ".\r\n.dot-stuffed line\r\n"), 250);
                }
            }
            mta.awaitMaildir("alice", 3, Duration.ofSeconds(20));
            mta.awaitQueueEmpty(Duration.ofSeconds(10));
            Path mail = mta.dir().resolve("mail");
            Path conf = mta.dir().resolve("dovecot");
            Files.createDirectories(conf.resolve("run"));
            Files.createDirectories(conf.resolve("state"));
            // Dovecot refuses to run mail processes as root: the Maildirs belong to the "mail" user here.
            boolean root = "root".equals(System.getProperty("user.name"));
            String owner = root ? "mail" : System.getProperty("user.name");
            if (root) {
                // createTempDirectory makes the test directory 0700; the mail user must traverse it.
                Files.setPosixFilePermissions(mta.dir(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                Peers.Result chown = Peers.run(List.of("chown", "-R", "mail:mail", mail.toString()), "", Duration.ofSeconds(30));
                assertEquals(0, chown.exit(), chown.output());
            }
            int port = Peers.freePort();
            Files.writeString(conf.resolve("dovecot.conf"), """
                    protocols = imap
                    listen = 127.0.0.1
                    base_dir = %1$s/run
                    state_dir = %1$s/state
                    log_path = %1$s/dovecot.log
                    ssl = no
                    disable_plaintext_auth = no
                    auth_mechanisms = plain login
                    mail_location = maildir:%2$s/%%n
                    first_valid_uid = 1
                    default_login_user = dovenull
                    default_internal_user = dovecot
                    passdb {
                      driver = static
                      args = password=imap-secret
                    }
                    userdb {
                      driver = static
                      args = uid=%3$s gid=%3$s home=%2$s/%%n
                    }
                    service imap-login {
                      inet_listener imap {
                        address = 127.0.0.1
                        port = %4$d
                      }
                      inet_listener imaps {
                        port = 0
                      }
                    }
                    """.formatted(conf, mail, owner, port), StandardCharsets.UTF_8);
            Path log = conf.resolve("stdout.log");
            Process p = new ProcessBuilder(dovecot.toString(), "-F", "-c", conf.resolve("dovecot.conf").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Peers.awaitPort(port, Duration.ofSeconds(30), p, log);
                Peers.Result r = Peers.run(List.of(python.toString(), "-c", """
                        import imaplib, sys
                        m = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
                        m.login("alice", "imap-secret")
                        typ, data = m.select("INBOX")
                        print("EXISTS", data[0].decode())
                        for i in (1, 2, 3):
                            typ, msg = m.fetch(str(i), "(BODY.PEEK[])")
                            body = msg[0][1].decode()
                            subject = [l for l in body.splitlines() if l.startswith("Subject:")][0]
                            print(subject, "|", "Return-Path: <sender@remote.test>" in body, "|",
                                  ".dot-stuffed line" in body and "..dot-stuffed" not in body)
                        m.logout()
                        """, Integer.toString(port)), "", Duration.ofSeconds(60));
                assertEquals(0, r.exit(), r.output() + "\n" + Files.readString(conf.resolve("dovecot.log")));
                assertTrue(r.output().contains("EXISTS 3"), r.output());
                for (int i = 1; i <= 3; i++) {
                    assertTrue(r.output().contains("Subject: imap " + i + " | True | True"), r.output());
                }
            } finally {
                Peers.stop(p);
            }
        }
    }
}
