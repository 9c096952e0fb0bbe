package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.testing.Interop;
import smtp.server.testing.Peers;
import smtp.server.testing.TestMta;

/**
 * Real mail clients against the server: Python's smtplib (STARTTLS with AUTH PLAIN on the
 * submission port, and implicit TLS on the submissions port) and swaks (AUTH LOGIN with a
 * 10 MB attachment, checked byte for byte after delivery).
 */
class ClientInteropTest {

    private static TestMta mta;

    private static final String SMTPLIB = """
            import smtplib, ssl, sys
            from email.message import EmailMessage
            host, port, mode, user, password, rcpt, subject = sys.argv[1:8]
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            msg = EmailMessage()
            msg["From"] = user + "@example.test"
            msg["To"] = rcpt
            msg["Subject"] = subject
            msg.set_content("hello from smtplib over " + mode)
            if mode == "starttls":
                s = smtplib.SMTP(host, int(port), timeout=30)
                s.ehlo("laptop.example.test")
                s.starttls(context=ctx)
                s.ehlo("laptop.example.test")
                s.user, s.password = user, password
                code, text = s.auth("PLAIN", s.auth_plain)
            else:
                s = smtplib.SMTP_SSL(host, int(port), context=ctx, timeout=30)
                s.ehlo("laptop.example.test")
                code, text = s.login(user, password)
            print("auth", code, s.sock.version())
            s.send_message(msg)
            s.quit()
            print("sent")
            """;

    @BeforeAll
    static void start() throws Exception {
        mta = TestMta.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        mta.close();
    }

    private static Peers.Result smtplib(String mode, int port, String subject) throws Exception {
        Path python = Interop.debianPython();
        return Peers.run(List.of(python.toString(), "-c", SMTPLIB, "127.0.0.1", Integer.toString(port), mode, "alice",
                TestMta.PASSWORD, "bob@example.test", subject), "", Duration.ofSeconds(60));
    }

    private static String delivered(String user, String subject) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            for (String m : mta.maildir(user)) {
                if (m.contains("Subject: " + subject + "\n")) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not delivered: " + subject);
    }

    @Test
    @Tag("3207-4-server")
    @Tag("4954-6-clients-server")
    void pythonSmtplibSubmitsWithStartTlsAndAuthPlain() throws Exception {
        Peers.Result r = smtplib("starttls", mta.submission().getPort(), "smtplib-starttls");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("auth 235 TLSv1.3") && r.output().contains("sent"), r.output());
        String m = InboundDeliveryTest.unfold(delivered("bob", "smtplib-starttls"));
        assertTrue(m.contains("with ESMTPSA (TLSv1.3"), m);
        assertTrue(m.contains("hello from smtplib over starttls"), m);
    }

    @Test
    @Tag("8314-3.3a")
    void pythonSmtplibSubmitsOverImplicitTls_rfc8314() throws Exception {
        Peers.Result r = smtplib("implicit", mta.smtps().getPort(), "smtplib-implicit");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("auth 235 TLSv1.3") && r.output().contains("sent"), r.output());
        assertTrue(InboundDeliveryTest.unfold(delivered("bob", "smtplib-implicit")).contains("with ESMTPSA (TLSv1.3"));
    }

    @Test
    @Tag("4954-6-clients-server")
    void swaksSendsA10MbAttachmentWithAuthLogin() throws Exception {
        Path swaks = Interop.requireExecutable("swaks");
        Path dir = Files.createTempDirectory("swaks-");
        try {
            byte[] data = new byte[10 * 1024 * 1024];
            new Random(42).nextBytes(data);
            Path file = dir.resolve("attachment.bin");
            Files.write(file, data);
            Peers.Result r = Peers.run(List.of(swaks.toString(), "--server", "127.0.0.1:" + mta.submission().getPort(),
                    "-tls", "--auth", "LOGIN", "--auth-user", "alice", "--auth-password", TestMta.PASSWORD,
                    "--from", "alice@example.test", "--to", "bob@example.test", "--helo", "laptop.example.test",
                    "--h-Subject", "swaks-10mb", "--attach", "@" + file, "--attach-type", "application/octet-stream",
                    "--suppress-data"), "", Duration.ofSeconds(120));
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("235 2.7.0") && r.output().contains("250 2.0.0 OK: queued as"), r.output());
            String m = delivered("bob", "swaks-10mb");
            assertTrue(m.length() > 13_000_000, "size " + m.length());
            // The attachment survives byte for byte: decode it with Python's email package.
            Path copy = dir.resolve("delivered.eml");
            Files.writeString(copy, m);
            Peers.Result sha = Peers.run(List.of(Interop.debianPython().toString(), "-c", """
                    import email, hashlib, sys
                    m = email.message_from_binary_file(open(sys.argv[1], "rb"))
                    for p in m.walk():
                        if p.get_filename() or p.get_content_type() == "application/octet-stream":
                            print(hashlib.sha256(p.get_payload(decode=True)).hexdigest())
                    """, copy.toString()), "", Duration.ofSeconds(60));
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            assertTrue(sha.output().contains(expected), "attachment changed: " + sha.output());
        } finally {
            TestMta.delete(dir);
        }
    }
}
