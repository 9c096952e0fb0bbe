package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
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
import smtp.queue.Delivery;
import smtp.queue.DeliveryConfig;
import smtp.queue.DeliveryOutcome;
import smtp.queue.Incoming;
import smtp.queue.QueuedMessage;
import smtp.queue.RelayHost;
import smtp.queue.SmtpTransport;
import smtp.queue.SpoolConfig;
import smtp.session.Timeouts;

/**
 * The SMTP transport's list of unreachable hosts (RFC 5321 §4.5.4.1), called directly on a test
 * clock: a delivery whose hosts were all skipped is {@link DeliveryOutcome.NotAttempted}, its
 * text names each host once, and an operator's request forgets the list.
 */
class SmtpDelivererTest {

    static int port;
    static InetAddress mx;

    @TempDir
    Path dir;

    final Fixtures.TestClock clock = new Fixtures.TestClock();
    final List<ScriptedSmtpServer> servers = new ArrayList<>();
    Spool spool;
    QueuedMessage message;

    @BeforeAll
    static void pickPort() throws IOException {
        mx = InetAddress.getByName("127.0.0.7");
        port = Fixtures.freePort(mx);
    }

    @BeforeEach
    void open() throws Exception {
        spool = Spool.open(SpoolConfig.of(dir), clock);
        try (Incoming in = spool.receive(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example")),
                Fixtures.origin())) {
            in.content().write(Fixtures.message("skip", "body"));
            in.commit();
        }
        message = spool.recover().get(0).message();
    }

    @AfterEach
    void close() throws IOException {
        spool.close();
        for (ScriptedSmtpServer s : servers) {
            s.close();
        }
    }

    /** A transport to {@code one.example} (MX mx1.one.example = 127.0.0.7), or to {@code relay} if given. */
    SmtpTransport transport(Optional<String> relay) throws Exception {
        InMemoryResolver dns = InMemoryResolver.builder()
                .mx("one.example", 10, "mx1.one.example").a("mx1.one.example", "127.0.0.7")
                .build();
        DeliveryConfig config = DeliveryConfig.defaults("mx.example.org").withPort(port)
                .withTimeouts(Duration.ofSeconds(10), Timeouts.uniform(Duration.ofSeconds(5)));
        if (relay.isPresent()) {
            config = config.withRelay(new RelayHost(relay.get(), port, Optional.empty()));
        }
        assertEquals(Duration.ofSeconds(60), config.unreachableBackoff(), "the default list of unreachable hosts");
        return SmtpTransport.create(config, new MxResolver(dns, Set.of("mx.example.org")), dns, SSLContext.getDefault(), clock);
    }

    DeliveryOutcome deliver(SmtpTransport t, boolean operatorRequest) {
        List<DeliveryOutcome> out = t.deliver(new Delivery(message, message.envelope().recipients(), "one.example",
                () -> spool.openContent(message), operatorRequest));
        assertEquals(1, out.size());
        return out.get(0);
    }

    ScriptedSmtpServer serverUp() throws IOException {
        ScriptedSmtpServer s = ScriptedSmtpServer.start(mx, port, n -> ScriptedSmtpServer.Behaviour.accept());
        servers.add(s);
        return s;
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    @Tag("5321-4.5.4.1g")
    void aDeliveryWhoseHostsWereAllSkippedIsNotAnAttemptAndNamesTheHostOnce_rfc5321_4_5_4_1() throws Exception {
        SmtpTransport t = transport(Optional.empty());
        DeliveryOutcome refused = deliver(t, false); // nothing listens: connection refused
        assertTrue(refused instanceof DeliveryOutcome.Deferred d && d.destinationDown(), refused.toString());
        clock.advance(Duration.ofSeconds(20));
        DeliveryOutcome skipped = deliver(t, false);
        DeliveryOutcome.NotAttempted n = assertInstanceOf(DeliveryOutcome.NotAttempted.class, skipped);
        assertEquals(Duration.ofSeconds(40), n.retryAfter(), "tried again when the host's 60 s are over");
        String text = n.diagnostic().summary();
        assertEquals("451 4.4.1 host mx1.one.example[127.0.0.7] recently unreachable, not tried", text);
        assertEquals(Optional.of("mx1.one.example"), n.diagnostic().remoteMta());
        clock.advance(Duration.ofSeconds(40));
        assertInstanceOf(DeliveryOutcome.Deferred.class, deliver(t, false), "after 60 s the host is tried again");
    }

    @Test
    @Tag("5321-4.5.4.1g")
    void anAddressLiteralIsBracketedOnceInTheDeferral_rfc5321_4_5_4_1() throws Exception {
        SmtpTransport t = transport(Optional.of("[127.0.0.7]"));
        assertInstanceOf(DeliveryOutcome.Deferred.class, deliver(t, false));
        DeliveryOutcome.NotAttempted n = assertInstanceOf(DeliveryOutcome.NotAttempted.class, deliver(t, false));
        String text = n.diagnostic().summary();
        assertEquals("451 4.4.1 host [127.0.0.7] recently unreachable, not tried", text);
        assertEquals(1, occurrences(text, "127.0.0.7"), text);
        assertFalse(text.contains("[["), text);
        assertEquals(Optional.of("[127.0.0.7]"), n.diagnostic().remoteMta());
    }

    @Test
    @Tag("5321-4.5.4.1g")
    void anOperatorRequestForgetsTheUnreachableHostsAndConnects_rfc5321_4_5_4_1() throws Exception {
        SmtpTransport t = transport(Optional.empty());
        assertInstanceOf(DeliveryOutcome.Deferred.class, deliver(t, false));
        ScriptedSmtpServer up = serverUp();
        clock.advance(Duration.ofSeconds(5));
        assertInstanceOf(DeliveryOutcome.NotAttempted.class, deliver(t, false), "a retry skips the host");
        assertEquals(0, up.connections());
        assertInstanceOf(DeliveryOutcome.Delivered.class, deliver(t, true), "the operator's request connects");
        assertEquals(1, up.received.size());
        assertInstanceOf(DeliveryOutcome.Delivered.class, deliver(t, false), "and the host is no longer skipped");
    }
}
