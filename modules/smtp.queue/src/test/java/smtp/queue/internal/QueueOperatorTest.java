package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.dns.InMemoryResolver;
import smtp.dns.MxResolver;
import smtp.queue.DeliveryConfig;
import smtp.queue.DsnConfig;
import smtp.queue.Incoming;
import smtp.queue.QueueId;
import smtp.queue.QueueLimits;
import smtp.queue.RecipientState;
import smtp.queue.RecipientStatus;
import smtp.queue.RetryPolicy;
import smtp.queue.Router;
import smtp.queue.SmtpTransport;
import smtp.queue.SpoolConfig;
import smtp.session.Timeouts;

/**
 * The operator's flush and release on a queue with the real SMTP transport, its list of
 * unreachable hosts at the default 60 s, and everything on one test clock: a flush or release
 * is a real attempt (Postfix's {@code postqueue -f}), and an attempt not made is not counted.
 * Remote servers are scripted on 127.0.0.6, the MX of both {@code one.example} and
 * {@code two.example}.
 */
class QueueOperatorTest {

    static int port;
    static InetAddress mx;

    @TempDir
    Path dir;

    final Fixtures.TestClock clock = new Fixtures.TestClock();
    final List<ScriptedSmtpServer> servers = new ArrayList<>();
    Spool spool;
    QueueEngine engine;

    @BeforeAll
    static void pickPort() throws IOException {
        mx = InetAddress.getByName("127.0.0.6");
        port = Fixtures.freePort(mx);
    }

    @BeforeEach
    void open() throws Exception {
        InMemoryResolver dns = InMemoryResolver.builder()
                .mx("one.example", 10, "mx.shared.example").mx("two.example", 10, "mx.shared.example")
                .a("mx.shared.example", "127.0.0.6")
                .build();
        DeliveryConfig config = DeliveryConfig.defaults("mx.example.org").withPort(port)
                .withTimeouts(Duration.ofSeconds(10), Timeouts.uniform(Duration.ofSeconds(5)));
        SmtpTransport smtp = SmtpTransport.create(config, new MxResolver(dns, Set.of("mx.example.org")), dns,
                SSLContext.getDefault(), clock);
        spool = Spool.open(SpoolConfig.of(dir), clock);
        engine = new QueueEngine(spool, clock, RetryPolicy.DEFAULT, DsnConfig.of("mx.example.org"),
                Router.localAndRemote(Set.of(), ScriptedTransport.sink("local"), smtp, false), QueueLimits.DEFAULT);
    }

    @AfterEach
    void close() throws IOException {
        engine.close();
        spool.close();
        for (ScriptedSmtpServer s : servers) {
            s.close();
        }
    }

    QueueId submit(String rcpt) throws Exception {
        try (Incoming in = spool.receive(Fixtures.envelope("alice@example.org", Fixtures.rcpt(rcpt)), Fixtures.origin())) {
            in.content().write(Fixtures.message("flush", "body"));
            return in.commit();
        }
    }

    RecipientState state(QueueId id) {
        return engine.entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow()
                .state().recipients().get(0);
    }

    ScriptedSmtpServer serverUp() throws IOException {
        ScriptedSmtpServer s = ScriptedSmtpServer.start(mx, port, n -> ScriptedSmtpServer.Behaviour.accept());
        servers.add(s);
        return s;
    }

    @Test
    @Tag("5321-4.5.4.1g")
    void flushWithinTheUnreachableWindowConnectsAndDelivers_rfc5321_4_5_4_1() throws Exception {
        QueueId id = submit("bob@one.example");
        engine.runDueNow(); // nothing listens: connection refused, the host is remembered for 60 s
        assertEquals(1, state(id).attempts());
        ScriptedSmtpServer up = serverUp();
        clock.advance(Duration.ofSeconds(10));
        assertEquals("OK 1", ControlCommands.execute(engine, "flush"));
        engine.runDueNow();
        assertEquals(1, up.connections(), "the flush made a real connection");
        assertEquals(1, up.received.size(), "and delivered in that flush");
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    @Tag("5321-4.5.4.1g")
    void releaseWithinTheUnreachableWindowConnectsAndDelivers_rfc5321_4_5_4_1() throws Exception {
        QueueId id = submit("bob@one.example");
        engine.runDueNow(); // refused: the host is remembered, the destination suspended for 5 minutes
        assertEquals("OK 1 " + id, ControlCommands.execute(engine, "hold " + id));
        ScriptedSmtpServer up = serverUp();
        clock.advance(Duration.ofSeconds(10));
        assertEquals("OK 1 " + id, ControlCommands.execute(engine, "release " + id));
        engine.runDueNow();
        assertEquals(1, up.received.size(), "the release was a real attempt");
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    @Tag("5321-4.5.4.1g")
    void aFlushThatStillFindsTheHostDownCountsOneRealAttempt_rfc5321_4_5_4_1() throws Exception {
        QueueId id = submit("bob@one.example");
        engine.runDueNow();
        clock.advance(Duration.ofSeconds(10));
        engine.flush();
        engine.runDueNow(); // really refused again
        RecipientState r = state(id);
        assertEquals(2, r.attempts(), "the flush's attempt was made, so it counts");
        assertEquals(clock.instant().plus(RetryPolicy.DEFAULT.delayAfter(2)), r.nextAttempt());
    }

    @Test
    @Tag("5321-4.5.4.1g")
    void skippedAttemptsChangeNeitherTheCountNorTheBackoff_rfc5321_4_5_4_1() throws Exception {
        Instant t0 = clock.instant();
        QueueId first = submit("bob@one.example");
        engine.runDueNow(); // refused: mx.shared.example is remembered as unreachable until t0 + 60 s
        clock.advance(Duration.ofSeconds(10));
        // Another destination on the same host: its delivery skips the host, nothing is tried.
        QueueId second = submit("carol@two.example");
        engine.runDueNow();
        RecipientState skipped = state(second);
        assertEquals(RecipientStatus.PENDING, skipped.status());
        assertEquals(0, skipped.attempts(), "an attempt not made is not counted");
        assertEquals(Optional.empty(), skipped.lastAttempt());
        assertEquals(t0.plus(Duration.ofSeconds(60)), skipped.nextAttempt(), "waits for the host's 60 s");
        String text = skipped.diagnostic().orElseThrow().summary();
        assertEquals("451 4.4.1 host mx.shared.example[127.0.0.6] recently unreachable, not tried", text);
        // At t0 + 60 s it is tried for real; still refused: its first attempt, the first retry delay.
        clock.set(t0.plus(Duration.ofSeconds(60)));
        engine.runDueNow();
        RecipientState tried = state(second);
        assertEquals(1, tried.attempts());
        assertEquals(Optional.of(clock.instant()), tried.lastAttempt());
        assertEquals(clock.instant().plus(RetryPolicy.DEFAULT.delayAfter(1)), tried.nextAttempt(),
                "the skipped attempt did not grow the backoff");
        assertEquals(1, state(first).attempts(), "the first message waits for its own retry");
    }
}
