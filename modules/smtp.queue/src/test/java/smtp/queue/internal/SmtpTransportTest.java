package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.dns.InMemoryResolver;
import smtp.dns.MxResolver;
import smtp.dns.RecordType;
import smtp.queue.DeliveryConfig;
import smtp.queue.DsnConfig;
import smtp.queue.Envelope;
import smtp.queue.Incoming;
import smtp.queue.QueueEntry;
import smtp.queue.QueueId;
import smtp.queue.QueueLimits;
import smtp.queue.RecipientStatus;
import smtp.queue.RelayHost;
import smtp.queue.RetryPolicy;
import smtp.queue.Router;
import smtp.queue.SmtpTransport;
import smtp.queue.SpoolConfig;
import smtp.session.ClientCredentials;
import smtp.session.Timeouts;
import smtp.wire.Notify;

/**
 * Fault injection: the queue and the SMTP transport against scripted remote servers on
 * 127.0.0.2 (mx1), 127.0.0.3 (mx2) and 127.0.0.4 (the senders' MX, which receives DSNs).
 */
class SmtpTransportTest {

    static int port;
    static InetAddress mx1;
    static InetAddress mx2;
    static InetAddress senders;

    @TempDir
    Path dir;

    final Fixtures.TestClock clock = new Fixtures.TestClock();
    final List<ScriptedSmtpServer> servers = new ArrayList<>();
    Spool spool;
    QueueEngine engine;

    @BeforeAll
    static void pickPort() throws IOException {
        mx1 = InetAddress.getByName("127.0.0.2");
        mx2 = InetAddress.getByName("127.0.0.3");
        senders = InetAddress.getByName("127.0.0.4");
        port = Fixtures.freePort(mx2);
    }

    @BeforeEach
    void open() throws IOException {
        open(DeliveryConfig.defaults("mx.example.org"));
    }

    void open(DeliveryConfig base) throws IOException {
        open(base, Duration.ofSeconds(5));
    }

    void open(DeliveryConfig base, Duration dataBlock) throws IOException {
        if (engine != null) {
            engine.close();
            spool.close();
        }
        InMemoryResolver dns = InMemoryResolver.builder()
                .mx("example.com", 10, "mx1.example.com").mx("example.com", 20, "mx2.example.com")
                .a("mx1.example.com", "127.0.0.2").a("mx2.example.com", "127.0.0.3")
                .mx("one.example", 10, "mx1.example.com")
                .mx("example.org", 10, "inbound.example.org").a("inbound.example.org", "127.0.0.4")
                .nullMx("nullmx.example")
                .timeout("dnsfail.example")
                .a("smart.example.net", "127.0.0.3").servfail("smart.example.net", RecordType.AAAA)
                .servfail("broken-relay.example.net")
                .build();
        DeliveryConfig config = base.withPort(port)
                .withTimeouts(Duration.ofSeconds(10), Timeouts.uniform(Duration.ofSeconds(5)))
                .withDataBlockTimeout(dataBlock)
                .withUnreachableBackoff(Duration.ZERO);
        SmtpTransport smtp = SmtpTransport.create(config, new MxResolver(dns, Set.of("mx.example.org")), dns);
        spool = Spool.open(SpoolConfig.of(dir), clock);
        engine = new QueueEngine(spool, clock, RetryPolicy.DEFAULT, DsnConfig.of("mx.example.org"),
                Router.localAndRemote(Set.of(), ScriptedTransport.sink("local"), smtp, config.relay().isPresent()),
                QueueLimits.DEFAULT);
    }

    @AfterEach
    void close() throws IOException {
        engine.close();
        spool.close();
        for (ScriptedSmtpServer s : servers) {
            s.close();
        }
    }

    ScriptedSmtpServer server(InetAddress a, java.util.function.IntFunction<ScriptedSmtpServer.Behaviour> script) throws IOException {
        ScriptedSmtpServer s = ScriptedSmtpServer.start(a, port, script);
        servers.add(s);
        return s;
    }

    ScriptedSmtpServer sendersMx() throws IOException {
        return server(senders, n -> ScriptedSmtpServer.Behaviour.accept());
    }

    QueueId submit(Envelope env) throws Exception {
        try (Incoming in = spool.receive(env, Fixtures.origin())) {
            in.content().write(Fixtures.message("fault", "line 1\r\n.line 2 starts with a dot\r\nline 3\r\nline 4"));
            return in.commit();
        }
    }

    QueueEntry only() {
        List<QueueEntry> e = engine.entries().stream().filter(x -> !x.message().envelope().isNotification()).toList();
        assertEquals(1, e.size(), e.toString());
        return e.get(0);
    }

    @Test
    @Tag("5321-4.5.4.1a")
    void temporaryFailureAtEndOfDataThenSuccessOnTheRetry_rfc5321_4_5_4_1() throws Exception {
        ScriptedSmtpServer mx = server(mx1, n -> n == 1 ? ScriptedSmtpServer.Behaviour.accept().endOfData("451 4.3.0 Try again later")
                : ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example")));
        engine.runDueNow();
        assertEquals("451 4.3.0 Try again later", only().state().recipients().get(0).diagnostic().orElseThrow().summary());
        assertTrue(mx.received.isEmpty());
        clock.advance(Duration.ofMinutes(5));
        engine.runDueNow();
        assertEquals(1, mx.received.size());
        assertTrue(mx.received.get(0).text().contains("\r\n.line 2 starts with a dot\r\n"), "transparency kept end to end");
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    @Tag("5321-4.5.4.1a")
    void greylistingIsPassedOnTheNextAttempt_rfc5321_4_5_4_1() throws Exception {
        ScriptedSmtpServer mx = server(mx1, n -> n == 1
                ? ScriptedSmtpServer.Behaviour.accept().rcpt(r -> "451 4.7.1 Greylisted, please try again in 300 seconds")
                : ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example")));
        engine.runDueNow();
        QueueEntry e = only();
        assertEquals(RecipientStatus.PENDING, e.state().recipients().get(0).status());
        assertEquals("mx1.example.com", e.state().recipients().get(0).diagnostic().orElseThrow().remoteMta().orElseThrow());
        clock.advance(Duration.ofMinutes(5));
        engine.runDueNow();
        assertEquals(1, mx.received.size());
        assertEquals(2, mx.connections());
    }

    @Test
    @Tag("5321-4.5.4.1c")
    void permanentFailureBouncesAtOnceWithTheRemoteReply_rfc5321_4_5_4_1() throws Exception {
        server(mx1, n -> ScriptedSmtpServer.Behaviour.accept().rcpt(r -> r.contains("nobody")
                ? "550 5.1.1 <nobody@one.example>: Recipient address rejected" : "250 2.1.5 Ok"));
        ScriptedSmtpServer inbound = sendersMx();
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("nobody@one.example"), Fixtures.rcpt("bob@one.example")));
        engine.runDueNow();
        assertTrue(engine.entries().isEmpty());
        assertEquals(1, inbound.received.size(), "one DSN to the sender");
        ScriptedSmtpServer.Received dsn = inbound.received.get(0);
        assertEquals("<>", dsn.mailFrom().split(" ")[0], "MAIL FROM:<> for the DSN");
        ParsedDsn d = new ParsedDsn(dsn.content());
        assertEquals(1, d.perRecipient.size());
        assertEquals("rfc822; nobody@one.example", d.perRecipient.get(0).get("final-recipient"));
        assertEquals("5.1.1", d.perRecipient.get(0).get("status"));
        assertEquals("dns; mx1.example.com", d.perRecipient.get(0).get("remote-mta"));
        assertEquals("smtp; 550 5.1.1 <nobody@one.example>: Recipient address rejected",
                d.perRecipient.get(0).get("diagnostic-code"));
    }

    @Test
    @Tag("5321-6.1a")
    void connectionDroppedInTheMiddleOfDataIsRetriedAndDeliveredOnce_rfc5321_6_1() throws Exception {
        ScriptedSmtpServer mx = server(mx1, n -> n == 1 ? ScriptedSmtpServer.Behaviour.accept().droppingInData()
                : ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example")));
        engine.runDueNow();
        var d = only().state().recipients().get(0).diagnostic().orElseThrow();
        assertEquals(421, d.reply().code());
        assertEquals("4.4.2", d.status().toString());
        clock.advance(Duration.ofMinutes(5));
        engine.runDueNow();
        assertEquals(1, mx.received.size());
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    void serverThatNeverAnswersTimesOutAndIsRetried_rfc5321_4_5_3_2() throws Exception {
        ScriptedSmtpServer mx = server(mx1, n -> n == 1 ? ScriptedSmtpServer.Behaviour.accept().hangingBeforeGreeting()
                : ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example")));
        engine.runDueNow();
        var d = only().state().recipients().get(0).diagnostic().orElseThrow();
        assertEquals("4.4.2", d.status().toString(), d.summary());
        clock.advance(Duration.ofMinutes(5));
        engine.runDueNow();
        assertEquals(1, mx.received.size());
    }

    @Test
    @Tag("5321-4.5.3.2.5")
    void serverThatStopsReadingInDataIsCutOffByTheWriteDeadlineAndRetried_rfc5321_4_5_3_2_5() throws Exception {
        // Writes are bounded by the data block timeout (1 s here; 3 minutes by default); replies by 5 s.
        open(DeliveryConfig.defaults("mx.example.org"), Duration.ofSeconds(1));
        // (No SIZE limit announced: the message is larger than the scripted server's 10 MB.)
        ScriptedSmtpServer mx = server(mx1, n -> n == 1
                ? ScriptedSmtpServer.Behaviour.accept().withExtensions("PIPELINING", "8BITMIME").stallingInData()
                : ScriptedSmtpServer.Behaviour.accept().withExtensions("PIPELINING", "8BITMIME"));
        // 16 MiB: far more than the socket buffers between the two hold (at most 4 MiB sent, ~128 KiB received
        // while the peer does not read), so the client's write blocks.
        int lines = 16 * 1024 * 1024 / 1000;
        byte[] header = "Subject: large\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] line = ("x".repeat(998) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Incoming in = spool.receive(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example")),
                Fixtures.origin())) {
            in.content().write(header);
            for (int i = 0; i < lines; i++) {
                in.content().write(line);
            }
            in.commit();
        }
        long start = System.nanoTime();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(90), () -> engine.runDueNow(),
                "a server that stops reading must not hold the delivery");
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(0, mx.stalled.getCount(), "the first connection stalled after 354");
        var d = only().state().recipients().get(0).diagnostic().orElseThrow();
        assertEquals("4.4.2", d.status().toString(), d.summary());
        assertTrue(d.summary().contains("stopped reading"), d.summary());
        assertTrue(seconds < 60, "cut off after about the 1 s deadline, took " + seconds + " s");
        clock.advance(Duration.ofMinutes(5));
        engine.runDueNow();
        assertEquals(1, mx.received.size());
        assertEquals(header.length + (long) lines * line.length, mx.received.get(0).content().length);
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    @Tag("5321-4.5.4.1d")
    void firstMxDownSoTheSecondTakesItInTheSameAttempt_rfc5321_4_5_4_1() throws Exception {
        ScriptedSmtpServer second = server(mx2, n -> ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")));
        engine.runDueNow();
        assertEquals(1, second.received.size());
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    @Tag("5321-4.5.4.1d")
    void temporaryFailureAtTheFirstMxTriesTheSecond_rfc5321_4_5_4_1() throws Exception {
        ScriptedSmtpServer first = server(mx1, n -> ScriptedSmtpServer.Behaviour.accept().rcpt(r -> "451 4.3.2 System not accepting network messages"));
        ScriptedSmtpServer second = server(mx2, n -> ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")));
        engine.runDueNow();
        assertEquals(1, first.connections());
        assertEquals(1, second.received.size());
    }

    @Test
    @Tag("5321-4.5.4.1f")
    void aDestinationThatGreetsWith421IsNotTriedAgainBeforeItsRetryNotEvenForNewMail_rfc5321_4_5_4_1() throws Exception {
        ScriptedSmtpServer mx = server(mx1, n -> n == 1
                ? ScriptedSmtpServer.Behaviour.accept().greeting("421 4.3.2 mx1.example.com busy, try again later")
                : ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example")));
        engine.runDueNow();
        assertEquals(1, mx.connections());
        assertEquals("421 4.3.2 mx1.example.com busy, try again later",
                only().state().recipients().get(0).diagnostic().orElseThrow().summary());
        clock.advance(Duration.ofMinutes(1));
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("carol@one.example")));
        engine.runDueNow();
        assertEquals(1, mx.connections(), "new mail for the destination waits for its retry");
        clock.advance(Duration.ofMinutes(4));
        engine.runDueNow();
        assertEquals(2, mx.received.size(), "both delivered at the destination's retry");
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    @Tag("5321-4.5.4.1f")
    void aDestinationThatRefusedTheConnectionIsNotTriedAgainBeforeItsRetry_rfc5321_4_5_4_1() throws Exception {
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example")));
        engine.runDueNow(); // nothing listens on mx1: connection refused
        assertEquals(RecipientStatus.PENDING, only().state().recipients().get(0).status());
        ScriptedSmtpServer mx = server(mx1, n -> ScriptedSmtpServer.Behaviour.accept());
        clock.advance(Duration.ofMinutes(1));
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("carol@one.example")));
        engine.runDueNow();
        assertEquals(0, mx.connections(), "not tried before the destination's retry");
        clock.advance(Duration.ofMinutes(4));
        engine.runDueNow();
        assertEquals(2, mx.received.size());
    }

    @Test
    @Tag("7505-4.1")
    void nullMxFailsAtOnceWithoutConnecting_rfc7505_4_1() throws Exception {
        ScriptedSmtpServer inbound = sendersMx();
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@nullmx.example")));
        engine.runDueNow();
        assertTrue(engine.entries().isEmpty());
        ParsedDsn d = new ParsedDsn(inbound.received.get(0).content());
        assertEquals("failed", d.perRecipient.get(0).get("action"));
        assertEquals("5.1.10", d.perRecipient.get(0).get("status"));
        assertTrue(!d.perRecipient.get(0).containsKey("remote-mta"));
    }

    @Test
    void dnsTroubleDefersAndNeverBounces_rfc5321_5_1() throws Exception {
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@dnsfail.example")));
        engine.runDueNow();
        QueueEntry e = only();
        assertEquals(RecipientStatus.PENDING, e.state().recipients().get(0).status());
        assertEquals("4.4.3", e.state().recipients().get(0).diagnostic().orElseThrow().status().toString());
    }

    @Test
    @Tag("3461-5.2.1")
    void dsnParametersArePassedToAServerThatSupportsDsn_rfc3461_5_2_1() throws Exception {
        ScriptedSmtpServer mx = server(mx1, n -> ScriptedSmtpServer.Behaviour.accept().withExtensions("DSN", "PIPELINING", "8BITMIME"));
        ScriptedSmtpServer inbound = sendersMx();
        Envelope env = new Envelope(Fixtures.envelope("alice@example.org", Fixtures.rcpt("x@y.z")).reversePath(),
                List.of(Fixtures.rcptWithOrcpt("bob@one.example", "bob@one.example", Notify.SUCCESS, Notify.FAILURE)),
                Optional.of(smtp.wire.Ret.HDRS), Optional.of("ID42"), Optional.empty(), false);
        submit(env);
        engine.runDueNow();
        assertEquals(1, mx.received.size());
        assertTrue(mx.commands.stream().anyMatch(c -> c.startsWith("MAIL FROM:<alice@example.org>") && c.contains("RET=HDRS")
                && c.contains("ENVID=ID42")), mx.commands.toString());
        assertTrue(mx.commands.stream().anyMatch(c -> c.startsWith("RCPT TO:<bob@one.example>") && c.contains("NOTIFY=SUCCESS,FAILURE")
                && c.contains("ORCPT=rfc822;bob@one.example")), mx.commands.toString());
        assertTrue(inbound.received.isEmpty(), "the next hop owes the success DSN now");
    }

    @Test
    @Tag("3461-5.2.2")
    void notifySuccessThroughAServerWithoutDsnGetsARelayedReport_rfc3461_5_2_2() throws Exception {
        ScriptedSmtpServer mx = server(mx1, n -> ScriptedSmtpServer.Behaviour.accept());
        ScriptedSmtpServer inbound = sendersMx();
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@one.example", Notify.SUCCESS)));
        engine.runDueNow();
        assertTrue(mx.commands.stream().noneMatch(c -> c.contains("NOTIFY")), "no DSN parameters to a server without DSN");
        ParsedDsn d = new ParsedDsn(inbound.received.get(0).content());
        assertEquals("relayed", d.perRecipient.get(0).get("action"));
        assertEquals("dns; mx1.example.com", d.perRecipient.get(0).get("remote-mta"));
    }

    @Test
    void recipientsOfOneDomainGoInOneTransaction_rfc5321_4_5_4_1() throws Exception {
        ScriptedSmtpServer mx = server(mx1, n -> ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("a@one.example"), Fixtures.rcpt("b@one.example"),
                Fixtures.rcpt("c@one.example")));
        engine.runDueNow();
        assertEquals(1, mx.connections());
        assertEquals(1, mx.received.size());
        assertEquals(3, mx.received.get(0).rcptTo().size());
    }

    @Test
    void smartHostGetsEverythingWithAuth() throws Exception {
        RelayHost relay = new RelayHost("[127.0.0.3]", port, Optional.of(new ClientCredentials("relayuser", "s3cret",
                List.of("PLAIN"), true)));
        open(DeliveryConfig.defaults("mx.example.org").withRelay(relay));
        ScriptedSmtpServer smart = server(mx2, n -> ScriptedSmtpServer.Behaviour.accept()
                .withExtensions("AUTH PLAIN LOGIN", "PIPELINING", "8BITMIME"));
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("a@one.example"), Fixtures.rcpt("b@nullmx.example"),
                Fixtures.rcpt("c@elsewhere.example")));
        engine.runDueNow();
        assertEquals(1, smart.received.size(), "one transaction for every remote recipient");
        assertEquals(3, smart.received.get(0).rcptTo().size());
        assertTrue(smart.commands.stream().anyMatch(c -> c.startsWith("AUTH PLAIN")), smart.commands.toString());
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    @Tag("5321-4.5.4.1d")
    void smartHostWhoseAaaaLookupFailsIsReachedOverIpv4_rfc5321_5_1() throws Exception {
        // The AAAA lookup of the smart host SERVFAILs; its A record must still be used.
        open(DeliveryConfig.defaults("mx.example.org").withRelay(new RelayHost("smart.example.net", port, Optional.empty())));
        ScriptedSmtpServer smart = server(mx2, n -> ScriptedSmtpServer.Behaviour.accept());
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("a@one.example")));
        engine.runDueNow();
        assertEquals(1, smart.received.size(), "delivered to the smart host's IPv4 address");
        assertTrue(engine.entries().isEmpty());
    }

    @Test
    @Tag("5321-4.5.4.1d")
    void smartHostWithNoResolvableAddressDefersWithTheDnsFailure_rfc5321_5_1() throws Exception {
        open(DeliveryConfig.defaults("mx.example.org").withRelay(new RelayHost("broken-relay.example.net", port, Optional.empty())));
        submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("a@one.example")));
        engine.runDueNow();
        var r = only().state().recipients().get(0);
        assertEquals(RecipientStatus.PENDING, r.status(), "DNS trouble never bounces");
        var d = r.diagnostic().orElseThrow();
        assertEquals("4.4.3", d.status().toString());
        assertTrue(d.summary().contains("DNS lookup for relay broken-relay.example.net failed"), d.summary());
    }
}
