package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smtp.dns.InMemoryResolver;
import smtp.server.internal.config.ConfigKey;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;
import smtp.session.CredentialStores;

/** The command line: --help, configuration errors, user add, and the queue subcommands while the server runs. */
class MainTest {

    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("smtp-main-");
    }

    @AfterEach
    void tearDown() throws Exception {
        TestMta.delete(dir);
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path config(String text) throws Exception {
        Path f = dir.resolve("smtp.properties");
        Files.writeString(f, text.replace("$DIR", dir.toString()), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void helpListsEveryKeyWithItsDefaultAndEverySubcommand() {
        Run r = run("", "--help");
        assertEquals(0, r.status());
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(r.out().contains(k.key()), "missing " + k.key());
        }
        for (String c : List.of("queue list", "queue show ID", "queue flush", "queue delete ID", "queue hold ID",
                "queue release ID", "user add NAME", "--config FILE")) {
            assertTrue(r.out().contains(c), "missing " + c);
        }
    }

    @Test
    void helpDescribesDnsServersAndQueueFlushAsTheyBehave() throws Exception {
        String help = run("", "--help").out();
        // dns.servers takes IP addresses with an optional port; a host name is refused at start.
        assertTrue(help.contains("dns.servers") && help.contains("IP addresses"), help);
        Run named = run("", "--config", config("dns.servers = dns.example.test:53\n").toString(), "queue", "list");
        assertEquals(1, named.status());
        assertTrue(named.err().contains("dns.servers") && named.err().contains("IP[:port]"), named.err());
        assertEquals(0, run("", "--config", config("dns.servers = 192.0.2.53:5353, [2001:db8::53]:53\n"
                + "queue.dir = $DIR/q\n").toString(), "queue", "list").status(), "IP[:port] entries are accepted");
        // queue flush skips held messages (queue release retries those).
        assertTrue(help.contains("queue flush") && help.contains("except held ones"), help);
    }

    @Test
    void helpSaysWhatTheReadmeSays() {
        // The README's command and configuration tables are written from this text; the points a
        // README walk-through found missing from --help stay in it.
        String help = run("", "--help").out().replaceAll("\\s+", " ");
        for (String phrase : List.of("next attempt, sender, each recipient with its state, attempts and last error",
                "hosts remembered as unreachable are forgotten", "release held messages (ALL for every one)",
                "control.sock", "port 0 = any free port", "authserv-id", "exempt from SPF/DMARC checks",
                "signing submitted mail whose From: is at <domain>", "TXT record to publish is logged at start",
                "(IPv6: per /64), across connections")) {
            assertTrue(help.contains(phrase), "missing \"" + phrase + "\" in\n" + help);
        }
    }

    @Test
    void aBadConfigurationNamesFileKeyAndReasonWithoutAStackTrace() throws Exception {
        Path f = config("""
                listen.smtp = nonsense
                limits.recipients = 5
                queue.lifetime = 3 weeks
                dmarc.enforce = maybe
                relay.networks = 10.0.0.0/33
                bogus.key = 1
                """);
        Run r = run("", "--config", f.toString());
        assertEquals(1, r.status());
        for (String key : List.of("listen.smtp", "limits.recipients", "queue.lifetime", "dmarc.enforce", "relay.networks",
                "bogus.key")) {
            assertTrue(r.err().contains(f + ": " + key + ": "), "no line for " + key + " in\n" + r.err());
        }
        assertTrue(r.err().contains("RFC 5321 §4.5.3.1.8"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        Run missing = run("", "--config", dir.resolve("absent.properties").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("absent.properties: (file): cannot read: no such file"), missing.err());
    }

    @Test
    void aPortInUseFailsTheStartWithTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path f = config("listen.smtp = 127.0.0.1:" + taken.getLocalPort() + "\nlisten.submission =\nlisten.smtps =\n"
                    + "queue.dir = $DIR/queue\nmaildir.root = $DIR/mail\nusers.file = $DIR/users\n"
                    + "tls.selfsigned.dir = " + TestMta.sharedTls() + "\n");
            Run r = run("", "--config", f.toString());
            assertEquals(1, r.status());
            assertTrue(r.err().contains(f + ": listen.smtp: cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void userAddStoresOnlyASaltedHash() throws Exception {
        Path f = config("users.file = $DIR/users\n");
        Run r = run("correct horse battery staple\n", "--config", f.toString(), "user", "add", "Dave");
        assertEquals(0, r.status(), r.err());
        String file = Files.readString(dir.resolve("users"));
        assertTrue(file.startsWith("dave:SCRAM-SHA-256$"), file);
        assertFalse(file.contains("horse"), "never the password");
        assertTrue(CredentialStores.load(dir.resolve("users")).lookup("dave").orElseThrow().verify("correct horse battery staple"));
        Run again = run("new password\n", "--config", f.toString(), "user", "add", "dave");
        assertEquals(0, again.status());
        assertTrue(CredentialStores.load(dir.resolve("users")).lookup("dave").orElseThrow().verify("new password"));
        assertEquals(1, Files.readAllLines(dir.resolve("users")).size(), "replaced, not added twice");
        assertEquals(2, run("x\n", "--config", f.toString(), "user", "add", "no/slash").status());
        assertEquals(1, run("\n", "--config", f.toString(), "user", "add", "eve").status(), "empty password");
        assertEquals(2, run("", "--config", f.toString(), "user", "remove", "dave").status());
    }

    @Test
    void aUserAddedWhileTheServerRunsCanAuthenticate() throws Exception {
        try (TestMta mta = TestMta.builder().start()) {
            Run r = run("fresh-secret\n", "--config", mta.configFile().toString(), "user", "add", "frank");
            assertEquals(0, r.status(), r.err());
            try (SmtpDialog d = SmtpDialog.connectTls(mta.smtps())) {
                expect(d.read(), 220);
                expect(d.cmd("EHLO laptop.example.test"), 250);
                expect(d.authPlain("frank", "fresh-secret"), 235);
            }
        }
    }

    @Test
    void queueSubcommandsWorkWhileTheServerRuns() throws Exception {
        InMemoryResolver dns = InMemoryResolver.builder().mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.1").build();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (TestMta mta = TestMta.builder().resolver(dns).set("delivery.port", Integer.toString(closed))
                .set("queue.retry.initial", "1h").set("queue.retry.max", "2h").start()) {
            try (SmtpDialog d = SmtpDialog.connectTls(mta.smtps())) {
                expect(d.read(), 220);
                expect(d.cmd("EHLO laptop.example.test"), 250);
                expect(d.authPlain("alice", TestMta.PASSWORD), 235);
                expect(d.mail("alice@example.test", List.of("carol@remote.test"),
                        "From: alice@example.test\r\nSubject: queued\r\n\r\nwaits\r\n"), 250);
            }
            String cfg = mta.configFile().toString();
            // After the first (failed) attempt the message rests until the next retry, an hour away.
            Run list = awaitListed(cfg, "attempts=1");
            Matcher m = Pattern.compile("(?m)^([0-9A-Z]{8,40}) ").matcher(list.out());
            assertTrue(m.find(), list.out());
            String id = m.group(1);
            Run show = run("", "--config", cfg, "queue", "show", id);
            assertEquals(0, show.status(), show.err());
            assertTrue(show.out().contains("Subject: queued") && show.out().contains("Received: "), show.out());
            Run hold = run("", "--config", cfg, "queue", "hold", id);
            assertEquals(0, hold.status(), hold.err());
            assertTrue(run("", "--config", cfg, "queue", "list").out().contains("HELD"));
            assertEquals(0, run("", "--config", cfg, "queue", "release", id).status());
            Run flush = run("", "--config", cfg, "queue", "flush");
            assertEquals(0, flush.status(), flush.err());
            assertTrue(flush.out().contains("flushed"), flush.out());
            Run delete = run("", "--config", cfg, "queue", "delete", id);
            assertEquals(0, delete.status(), delete.err());
            assertTrue(delete.out().contains(id + ": deleted"), delete.out());
            mta.awaitQueueEmpty(Duration.ofSeconds(10));
            assertTrue(run("", "--config", cfg, "queue", "list").out().contains("Mail queue is empty"));
            assertEquals(1, run("", "--config", cfg, "queue", "show", id).status());
        }
    }

    private static Run awaitListed(String cfg, String what) throws InterruptedException {
        Run list = run("", "--config", cfg, "queue", "list");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!list.out().contains(what) && System.nanoTime() < end) {
            Thread.sleep(100);
            list = run("", "--config", cfg, "queue", "list");
        }
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains(what), list.out());
        return list;
    }
}
