package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smtp.queue.DsnConfig;
import smtp.queue.Envelope;
import smtp.queue.QueueEntry;
import smtp.queue.QueueId;
import smtp.queue.QueueLimits;
import smtp.queue.RecipientStatus;
import smtp.queue.RetryPolicy;
import smtp.wire.NullPath;
import smtp.wire.Notify;

class QueueEngineTest {

    @TempDir
    Path dir;

    @Test
    void deliversAtOnceAndRemovesTheMessage() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.relayed(true))) {
            QueueId id = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")),
                    Fixtures.message("hi", "body"));
            h.engine.runDueNow();
            assertEquals(1, h.remote.calls.size());
            assertEquals(id, h.remote.calls.get(0).id());
            assertTrue(h.queued().isEmpty());
            assertFalse(Files.exists(dir.resolve("queue").resolve(id + ".msg")));
            assertTrue(h.remote.notifications().isEmpty(), "no DSN: the next hop supports DSN");
        }
    }

    @Test
    @Tag("5321-6.1d")
    void deliveredMessageCostsTwoSyncsBeforeThe250AndNoneAfter_rfc5321_6_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> n == 1 ? ScriptedTransport.deferred("Greylisted")
                : ScriptedTransport.relayed(true))) {
            for (int i = 0; i < 3; i++) {
                h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("u" + i + "@local.test")),
                        Fixtures.message("m" + i, "b"));
            }
            assertEquals(3, h.spool.fileSyncs());
            assertEquals(3, h.spool.directorySyncs());
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
            assertEquals(3, h.local.calls.size());
            // Delivered and removed: the removal syncs nothing (it synced queue/ once per message before).
            assertEquals(3, h.spool.fileSyncs());
            assertEquals(3, h.spool.directorySyncs());

            // A deferred attempt records its progress with one file sync and no directory sync.
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")), Fixtures.message("g", "b"));
            h.engine.runDueNow();
            assertEquals(1, h.queued().size());
            assertEquals(5, h.spool.fileSyncs());
            assertEquals(4, h.spool.directorySyncs());
            h.clock.advance(Duration.ofMinutes(5));
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
            assertEquals(5, h.spool.fileSyncs());
            assertEquals(4, h.spool.directorySyncs());
        }
    }

    @Test
    @Tag("5321-4.5.4.1a")
    @Tag("5321-4.5.4.1b")
    void retriesWithBackoffAndGivesUpAfterTheLifetime_rfc5321_4_5_4_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.deferred("try later"))) {
            Instant arrival = h.clock.instant();
            QueueId id = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")),
                    Fixtures.message("slow", "body"));
            List<Instant> attempts = new ArrayList<>();
            h.engine.runDueNow();
            attempts.add(h.clock.instant());
            while (h.queued().stream().anyMatch(e -> e.id().equals(id))) {
                Instant next = h.engine.nextWake().orElseThrow();
                h.clock.set(next);
                int before = h.attempts.getOrDefault("bob@example.com", 0);
                h.engine.runDueNow();
                if (h.attempts.getOrDefault("bob@example.com", 0) > before) {
                    attempts.add(next);
                }
            }
            // 5, 10, 20, 40, 80 minutes, then every 2 hours, the last attempt exactly at the expiry
            List<Duration> gaps = new ArrayList<>();
            for (int i = 1; i < attempts.size(); i++) {
                gaps.add(Duration.between(attempts.get(i - 1), attempts.get(i)));
            }
            assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20),
                    Duration.ofMinutes(40), Duration.ofMinutes(80), Duration.ofHours(2)), gaps.subList(0, 6));
            assertTrue(gaps.stream().allMatch(g -> g.compareTo(Duration.ofHours(2)) <= 0), gaps.toString());
            assertEquals(arrival.plus(Duration.ofDays(5)), attempts.get(attempts.size() - 1));
            assertEquals(h.attempts.get("bob@example.com"), attempts.size());
            // one delay warning after 4 hours, one failure report at the end
            List<ScriptedTransport.Call> dsns = h.remote.notifications();
            assertEquals(2, dsns.size());
            ParsedDsn delay = new ParsedDsn(dsns.get(0).content());
            assertEquals("delayed", delay.perRecipient.get(0).get("action"));
            assertEquals("4.7.1", delay.perRecipient.get(0).get("status"));
            assertEquals(DsnWriter.RFC5322_DATE.format(arrival.plus(Duration.ofDays(5))),
                    delay.perRecipient.get(0).get("will-retry-until"));
            ParsedDsn fail = new ParsedDsn(dsns.get(1).content());
            assertEquals("failed", fail.perRecipient.get(0).get("action"));
            assertEquals("4.7.1", fail.perRecipient.get(0).get("status"));
            assertEquals("smtp; 451 4.7.1 try later", fail.perRecipient.get(0).get("diagnostic-code"));
            assertTrue(fail.parts.get(0).body().replaceAll("\\s+", " ").contains("(gave up: the message was too long in the queue)"));
        }
    }

    @Test
    @Tag("5321-4.5.4.1a")
    void greylistedMessageIsDeliveredOnTheFirstRetry_rfc5321_4_5_4_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> n == 1 ? ScriptedTransport.deferred("Greylisted")
                : ScriptedTransport.relayed(true))) {
            Instant arrival = h.clock.instant();
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")), Fixtures.message("g", "b"));
            h.engine.runDueNow();
            QueueEntry e = h.queued().get(0);
            assertEquals(RecipientStatus.PENDING, e.state().recipients().get(0).status());
            assertEquals(arrival.plus(Duration.ofMinutes(5)), e.state().recipients().get(0).nextAttempt());
            h.clock.advance(Duration.ofMinutes(4));
            h.engine.runDueNow();
            assertEquals(1, h.attempts.get("bob@example.com"), "the sender MUST delay retrying");
            h.clock.advance(Duration.ofMinutes(1));
            h.engine.runDueNow();
            assertEquals(2, h.attempts.get("bob@example.com"));
            assertTrue(h.queued().isEmpty());
        }
    }

    @Test
    @Tag("5321-4.5.4.1c")
    void permanentFailureFailsThatRecipientAtOnce_rfc5321_4_5_4_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> r.mailbox().localPart().equals("nobody")
                ? ScriptedTransport.failed("User unknown") : ScriptedTransport.relayed(true))) {
            QueueId id = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("nobody@example.com"),
                    Fixtures.rcpt("bob@example.com")), Fixtures.message("p", "b"));
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
            assertEquals(1, h.attempts.get("nobody@example.com"));
            List<ScriptedTransport.Call> dsns = h.remote.notifications();
            assertEquals(1, dsns.size());
            ParsedDsn d = new ParsedDsn(dsns.get(0).content());
            assertEquals(1, d.perRecipient.size(), "only the failed recipient is reported");
            assertEquals("rfc822; nobody@example.com", d.perRecipient.get(0).get("final-recipient"));
            assertEquals("failed", d.perRecipient.get(0).get("action"));
            assertEquals("5.1.1", d.perRecipient.get(0).get("status"));
            assertEquals("dns; mx.example.com", d.perRecipient.get(0).get("remote-mta"));
            assertEquals("smtp; 550 5.1.1 User unknown", d.perRecipient.get(0).get("diagnostic-code"));
            assertEquals(id.toString(), d.perRecipient.get(0).get("final-log-id"));
            assertEquals("<alice@example.org>", d.top.header("To"));
        }
    }

    @Test
    @Tag("3461-4.1a")
    void notifyNeverSuppressesTheFailureReport_rfc3461_4_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.failed("no"))) {
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com", Notify.NEVER)),
                    Fixtures.message("n", "b"));
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
            assertTrue(h.remote.notifications().isEmpty());
        }
    }

    @Test
    @Tag("3461-4.1a")
    @Tag("3461-5.2.3")
    void notifySuccessGetsADeliveredReportForLocalDelivery_rfc3461_5_2_3() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.relayed(true))) {
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@local.test", Notify.SUCCESS)),
                    Fixtures.message("s", "b"));
            h.engine.runDueNow();
            ParsedDsn d = new ParsedDsn(h.remote.notifications().get(0).content());
            assertEquals("delivered", d.perRecipient.get(0).get("action"));
            assertEquals("2.0.0", d.perRecipient.get(0).get("status"));
            assertEquals("Successful Mail Delivery Report", d.top.header("Subject"));
            assertTrue(d.returned().header("Content-Type").startsWith("text/rfc822-headers"), "headers only for success");
            assertFalse(d.perRecipient.get(0).containsKey("diagnostic-code"), "local delivery has no remote diagnostic");
        }
    }

    @Test
    @Tag("3461-5.2.2")
    void notifySuccessRelayedToANonDsnServerGetsARelayedReport_rfc3461_5_2_2() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.relayed(false))) {
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com", Notify.SUCCESS, Notify.FAILURE)),
                    Fixtures.message("s", "b"));
            h.engine.runDueNow();
            ParsedDsn d = new ParsedDsn(h.remote.notifications().get(0).content());
            assertEquals("relayed", d.perRecipient.get(0).get("action"));
            assertEquals("2.0.0", d.perRecipient.get(0).get("status"));
            assertEquals("dns; mx.example.com", d.perRecipient.get(0).get("remote-mta"));
        }
    }

    @Test
    @Tag("3461-5.2.1")
    void notifySuccessRelayedToADsnServerGetsNoReportFromUs_rfc3461_5_2_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.relayed(true))) {
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com", Notify.SUCCESS)),
                    Fixtures.message("s", "b"));
            h.engine.runDueNow();
            assertTrue(h.remote.notifications().isEmpty());
            assertTrue(h.queued().isEmpty());
        }
    }

    @Test
    @Tag("3461-4.1b")
    void delayNotRequestedMeansNoDelayWarning_rfc3461_4_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> n < 6 ? ScriptedTransport.deferred("later")
                : ScriptedTransport.relayed(true))) {
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com", Notify.FAILURE)),
                    Fixtures.message("d", "b"));
            h.runUntil(h.clock.instant().plus(Duration.ofDays(1)));
            assertTrue(h.queued().isEmpty());
            assertTrue(h.remote.notifications().isEmpty(), "NOTIFY=FAILURE only: no delay warning");
        }
    }

    @Test
    @Tag("5321-4.5.5a")
    @Tag("5321-6.1c")
    void nullSenderNeverGetsANotification_rfc5321_4_5_5() throws Exception {
        DsnConfig drop = DsnConfig.of("mx.example.org").dropUndeliverableNotifications();
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.failed("gone"), RetryPolicy.DEFAULT, drop,
                QueueLimits.DEFAULT)) {
            Envelope bounce = new Envelope(new NullPath(), List.of(Fixtures.rcpt("bob@example.com")), Optional.empty(),
                    Optional.empty(), Optional.empty(), false);
            h.submit(bounce, Fixtures.message("bounce", "b"));
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
            assertEquals(1, h.remote.calls.size(), "the bounce was tried once and nothing was sent about it");
            assertEquals(1, h.remote.notifications().size());
        }
    }

    @Test
    @Tag("5321-6.1c")
    void notificationGoesToTheFinalHopOfASourceRoutedReversePath_rfc5321_6_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.failed("gone"))) {
            smtp.wire.Path routed = new smtp.wire.Path(List.of(new smtp.wire.Domain("relay.example.net")),
                    Fixtures.mailbox("alice", "example.org"));
            Envelope env = new Envelope(routed, List.of(Fixtures.rcpt("bob@example.com")), Optional.empty(),
                    Optional.empty(), Optional.empty(), false);
            h.submit(env, Fixtures.message("routed", "b"));
            h.engine.runDueNow();
            List<ScriptedTransport.Call> dsns = h.remote.notifications();
            assertEquals(1, dsns.size());
            assertEquals("alice@example.org", dsns.get(0).recipients().get(0).mailbox().toString(),
                    "the source route is stripped down to its final hop");
        }
    }

    @Test
    @Tag("5321-4.5.5a")
    void nullSenderGetsNoDelayedNotification_rfc5321_4_5_5() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.deferred("try later"))) {
            Instant arrival = h.clock.instant();
            Envelope bounce = new Envelope(new NullPath(), List.of(Fixtures.rcpt("bob@example.com", Notify.DELAY, Notify.FAILURE)),
                    Optional.empty(), Optional.empty(), Optional.empty(), false);
            QueueId id = h.submit(bounce, Fixtures.message("late bounce", "b"));
            // well past the 4 h warning, short of the 2-day lifetime of notifications
            h.runUntil(arrival.plus(Duration.ofHours(6)));
            assertTrue(h.clock.instant().isAfter(arrival.plus(Duration.ofHours(4))), "the clock passed the warning time");
            assertTrue(h.attempts.get("bob@example.com") > 1, "the bounce was retried");
            assertTrue(h.remote.calls.stream().allMatch(c -> c.id().equals(id)), "only the bounce itself was sent: no DSN about it");
            assertEquals(List.of(id), h.queued().stream().map(QueueEntry::id).toList());
            var state = h.queued().get(0).state().recipients().get(0);
            assertEquals(RecipientStatus.PENDING, state.status());
            assertFalse(state.dsnOwed() || state.delayReported());
        }
    }

    @Test
    @Tag("5321-4.5.5b")
    void failedNotificationGoesToThePostmasterOnce_rfc5321_4_5_5() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.failed("gone"))) {
            Envelope bounce = new Envelope(new NullPath(), List.of(Fixtures.rcpt("bob@example.com")), Optional.empty(),
                    Optional.empty(), Optional.empty(), false);
            h.submit(bounce, Fixtures.message("bounce", "b"));
            h.engine.runDueNow();
            // the postmaster of mx.example.org is remote in this harness and fails too: that one is dropped
            List<ScriptedTransport.Call> notes = h.remote.notifications();
            assertEquals(2, notes.size(), "the failed bounce, then the note to the postmaster");
            assertEquals("postmaster@mx.example.org", notes.get(1).recipients().get(0).mailbox().toString());
            ParsedDsn d = new ParsedDsn(notes.get(1).content());
            assertEquals("failed", d.perRecipient.get(0).get("action"));
            assertTrue(d.returned().header("Content-Type").startsWith("message/rfc822"));
            assertTrue(h.queued().isEmpty(), "the note to the postmaster failed too and was dropped: no loop");
        }
    }

    @Test
    void recipientsOfOneDomainShareATransactionWithinTheRecipientLimit_rfc5321_4_5_4_1() throws Exception {
        QueueLimits limits = new QueueLimits(10, 10, 2, 10);
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.relayed(true), RetryPolicy.DEFAULT,
                DsnConfig.of("mx.example.org"), limits)) {
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("a@example.com"), Fixtures.rcpt("b@EXAMPLE.com"),
                    Fixtures.rcpt("c@example.com"), Fixtures.rcpt("d@example.net"), Fixtures.rcpt("e@local.test")),
                    Fixtures.message("g", "b"));
            h.engine.runDueNow();
            List<Integer> sizes = h.remote.calls.stream().map(c -> c.recipients().size()).sorted().toList();
            assertEquals(List.of(1, 1, 2), sizes, "example.com split 2+1, example.net alone");
            assertEquals(1, h.local.calls.size());
        }
    }

    @Test
    @Tag("5321-6.1b")
    void pendingStateSurvivesARestart_rfc5321_6_1() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> n == 1 ? ScriptedTransport.deferred("later")
                : ScriptedTransport.relayed(true))) {
            Instant arrival = h.clock.instant();
            QueueId id = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")),
                    Fixtures.message("r", "b"));
            h.engine.runDueNow();
            h.restart();
            QueueEntry e = h.queued().get(0);
            assertEquals(id, e.id());
            assertEquals(1, e.state().recipients().get(0).attempts());
            assertEquals(arrival.plus(Duration.ofMinutes(5)), e.state().recipients().get(0).nextAttempt());
            assertEquals("451 4.7.1 later", e.state().recipients().get(0).diagnostic().orElseThrow().summary());
            h.engine.runDueNow();
            assertEquals(1, h.attempts.get("bob@example.com"), "not retried early after a restart");
            h.clock.advance(Duration.ofMinutes(5));
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
        }
    }

    @Test
    void holdStopsDeliveryAndReleaseRetriesAtOnce() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> n == 1 ? ScriptedTransport.deferred("later")
                : ScriptedTransport.relayed(true))) {
            QueueId id = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")),
                    Fixtures.message("h", "b"));
            h.engine.runDueNow();
            assertEquals(List.of(id), h.engine.hold(List.of(id), true));
            h.clock.advance(Duration.ofHours(1));
            h.engine.runDueNow();
            assertEquals(1, h.attempts.get("bob@example.com"));
            assertTrue(h.engine.nextWake().isEmpty());
            h.restart();
            assertTrue(h.queued().get(0).state().held(), "hold is durable");
            h.engine.hold(List.of(id), false);
            h.engine.runDueNow();
            assertEquals(2, h.attempts.get("bob@example.com"));
            assertTrue(h.queued().isEmpty());
        }
    }

    @Test
    void flushMakesDeferredMailDueNowAndDeleteRemovesSilently() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> r.mailbox().localPart().equals("x")
                ? ScriptedTransport.deferred("later") : n == 1 ? ScriptedTransport.deferred("later") : ScriptedTransport.relayed(true))) {
            QueueId a = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")), Fixtures.message("a", "b"));
            QueueId b = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("x@example.com")), Fixtures.message("b", "b"));
            h.engine.runDueNow();
            assertEquals(2, h.engine.flush());
            h.engine.runDueNow();
            assertEquals(List.of(b), h.queued().stream().map(QueueEntry::id).toList());
            assertEquals(List.of(b), h.engine.delete(List.of(a, b)));
            assertTrue(h.queued().isEmpty());
            assertTrue(h.remote.notifications().isEmpty(), "deleting sends no bounce");
            assertEquals(0, Files.list(dir.resolve("queue")).count());
        }
    }

    @Test
    void damagedMessageIsQuarantinedInsteadOfDelivered() throws Exception {
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> ScriptedTransport.relayed(true))) {
            QueueId id = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com")),
                    Fixtures.message("c", "x".repeat(1000)));
            Path file = dir.resolve("queue").resolve(id + ".msg");
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length - 10] ^= 1;
            Files.write(file, bytes);
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
            assertTrue(Files.exists(dir.resolve("corrupt").resolve(id + ".msg")));
            assertTrue(h.remote.notifications().isEmpty());
        }
    }

    @Test
    @Tag("5321-4.5.4.1e")
    void messagesToOneDestinationRespectTheConcurrencyLimit_rfc5321_4_5_4_1() throws Exception {
        java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        QueueLimits limits = new QueueLimits(50, 3, 100, 100);
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> {
            int c = now.incrementAndGet();
            peak.accumulateAndGet(c, Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            return ScriptedTransport.relayed(true);
        }, RetryPolicy.DEFAULT, DsnConfig.of("mx.example.org"), limits)) {
            for (int i = 0; i < 12; i++) {
                h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob" + i + "@example.com")),
                        Fixtures.message("c" + i, "b"));
            }
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
            assertTrue(peak.get() <= 3, "peak " + peak.get());
            assertTrue(peak.get() >= 2, "deliveries ran in parallel: peak " + peak.get());
        }
    }

    @Test
    @Tag("5321-4.5.4.1e")
    void deliveriesToSeveralDestinationsRespectTheGlobalLimit_rfc5321_4_5_4_1() throws Exception {
        java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        QueueLimits limits = new QueueLimits(2, 10, 100, 100);
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> {
            int c = now.incrementAndGet();
            peak.accumulateAndGet(c, Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            return ScriptedTransport.relayed(true);
        }, RetryPolicy.DEFAULT, DsnConfig.of("mx.example.org"), limits)) {
            for (int i = 0; i < 8; i++) {
                // eight destinations, two of them in one message
                h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@d" + i + ".example"),
                        Fixtures.rcpt("carol@e" + i + ".example")), Fixtures.message("g" + i, "b"));
            }
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
            assertEquals(16, h.remote.calls.size());
            assertTrue(peak.get() <= 2, "at most maxDeliveries at once: peak " + peak.get());
            assertTrue(peak.get() >= 2, "deliveries ran in parallel: peak " + peak.get());
        }
    }

    @Test
    @Tag("5321-4.5.4.1f")
    void destinationThatFailedAsAWholeIsNotRetriedEarlyNotEvenForNewMail_rfc5321_4_5_4_1() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> r.mailbox().host().toString().equals("down.example") && !up.get()
                ? ScriptedTransport.unreachable("Service not available, closing transmission channel")
                : ScriptedTransport.relayed(true))) {
            Instant t0 = h.clock.instant();
            QueueId first = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@down.example")),
                    Fixtures.message("1", "b"));
            h.engine.runDueNow();
            assertEquals(1, h.attempts.get("bob@down.example"));
            // A minute later, new mail for the same destination, and for another one.
            h.clock.advance(Duration.ofMinutes(1));
            QueueId second = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("carol@down.example")),
                    Fixtures.message("2", "b"));
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("dave@up.example")), Fixtures.message("3", "b"));
            h.engine.runDueNow();
            assertEquals(1, h.attempts.get("dave@up.example"), "other destinations are not held back");
            assertFalse(h.attempts.containsKey("carol@down.example"), "new mail for the failed destination waits");
            var carol = state(h, second);
            assertEquals(RecipientStatus.PENDING, carol.status());
            assertEquals(0, carol.attempts(), "waiting for the destination is not an attempt");
            assertEquals(t0.plus(Duration.ofMinutes(5)), carol.nextAttempt(), "until the destination's next retry");
            assertTrue(carol.diagnostic().orElseThrow().summary()
                    .startsWith("451 4.3.2 delivery to down.example temporarily suspended: 421 4.3.2 Service not available"),
                    carol.diagnostic().orElseThrow().summary());
            h.clock.set(t0.plus(Duration.ofMinutes(5)).minusSeconds(1));
            h.engine.runDueNow();
            assertEquals(1, h.attempts.get("bob@down.example"));
            assertFalse(h.attempts.containsKey("carol@down.example"));
            // At the retry the destination fails again: the next suspension is longer (10 minutes),
            // and nothing goes to it before then, whatever the recipients' own schedules say.
            h.clock.set(t0.plus(Duration.ofMinutes(5)));
            h.engine.runDueNow();
            int tried = h.attempts.get("bob@down.example") + h.attempts.getOrDefault("carol@down.example", 0);
            assertTrue(tried >= 2, "the destination was tried again at its retry time");
            h.runUntil(t0.plus(Duration.ofMinutes(15)).minusSeconds(1));
            assertEquals(tried, h.attempts.get("bob@down.example") + h.attempts.getOrDefault("carol@down.example", 0),
                    "nothing is tried during the second, 10-minute suspension");
            // It comes back: both are delivered at the next retry.
            up.set(true);
            h.runUntil(t0.plus(Duration.ofHours(1)));
            assertTrue(h.queued().isEmpty());
            assertTrue(h.remote.calls.stream().anyMatch(c -> c.id().equals(first)));
            assertTrue(h.remote.calls.stream().anyMatch(c -> c.id().equals(second)));
        }
    }

    @Test
    @Tag("5321-4.5.4.1f")
    void flushEndsADestinationSuspension_rfc5321_4_5_4_1() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> up.get() ? ScriptedTransport.relayed(true)
                : ScriptedTransport.unreachable("Too many connections"))) {
            h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@down.example")), Fixtures.message("1", "b"));
            h.engine.runDueNow();
            up.set(true);
            QueueId second = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("carol@down.example")),
                    Fixtures.message("2", "b"));
            h.engine.runDueNow();
            assertEquals(0, state(h, second).attempts());
            h.engine.flush(); // the operator knows better: postqueue -f
            h.engine.runDueNow();
            assertTrue(h.queued().isEmpty());
        }
    }

    private static smtp.queue.RecipientState state(QueueHarness h, QueueId id) {
        return h.queued().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().state().recipients().get(0);
    }

    @Test
    void logLinesHaveTheFormOperatorsGrepFor() throws Exception {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("smtp.queue");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try (QueueHarness h = new QueueHarness(dir, (r, n) -> r.mailbox().localPart().equals("x")
                ? ScriptedTransport.failed("User unknown") : ScriptedTransport.deferred("Greylisted"))) {
            QueueId id = h.submit(Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com"),
                    Fixtures.rcpt("x@example.com")), Fixtures.message("l", "b"));
            h.engine.runDueNow();
            assertTrue(lines.contains(id + ": to=<bob@example.com>, relay=mx.example.com, delay=0.0, attempts=1, dsn=4.7.1,"
                    + " status=deferred (451 4.7.1 Greylisted)"), lines.toString());
            assertTrue(lines.contains(id + ": to=<x@example.com>, relay=mx.example.com, delay=0.0, attempts=1, dsn=5.1.1,"
                    + " status=bounced (550 5.1.1 User unknown)"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(id + ": sender non-delivery notification: ")), lines.toString());
        } finally {
            jul.removeHandler(handler);
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
