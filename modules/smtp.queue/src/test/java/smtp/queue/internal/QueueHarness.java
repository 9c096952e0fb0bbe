package smtp.queue.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import smtp.queue.DeliveryOutcome;
import smtp.queue.DsnConfig;
import smtp.queue.Envelope;
import smtp.queue.Incoming;
import smtp.queue.QueueEntry;
import smtp.queue.QueueId;
import smtp.queue.QueueLimits;
import smtp.queue.Recipient;
import smtp.queue.RetryPolicy;
import smtp.queue.Router;
import smtp.queue.SpoolConfig;

/**
 * A spool and an engine on a test clock, with a scripted "remote" transport and a sink for
 * the local domain {@code local.test}. Deliveries to the sender's domain (DSNs) succeed.
 */
final class QueueHarness implements AutoCloseable {

    final Path dir;
    final Fixtures.TestClock clock = new Fixtures.TestClock();
    final ScriptedTransport remote;
    final ScriptedTransport local = ScriptedTransport.sink("maildir");
    final RetryPolicy retry;
    final DsnConfig dsn;
    final QueueLimits limits;
    Spool spool;
    QueueEngine engine;
    /** Attempts per recipient address (the scripts count these). */
    final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    QueueHarness(Path dir, BiFunction<Recipient, Integer, DeliveryOutcome> script) throws IOException {
        this(dir, script, RetryPolicy.DEFAULT, DsnConfig.of("mx.example.org"), QueueLimits.DEFAULT);
    }

    QueueHarness(Path dir, BiFunction<Recipient, Integer, DeliveryOutcome> script, RetryPolicy retry, DsnConfig dsn,
                 QueueLimits limits) throws IOException {
        this.dir = dir;
        this.retry = retry;
        this.dsn = dsn;
        this.limits = limits;
        this.remote = new ScriptedTransport("smtp", (r, call) -> {
            int n = attempts.merge(r.mailbox().toString(), 1, Integer::sum);
            if (r.mailbox().host().toString().equals("example.org")) {
                return ScriptedTransport.relayed(false);
            }
            return script.apply(r, n);
        });
        open();
    }

    void open() throws IOException {
        spool = Spool.open(SpoolConfig.of(dir), clock);
        engine = new QueueEngine(spool, clock, retry, dsn,
                Router.localAndRemote(Set.of("local.test"), local, remote, false), limits);
        engine.load(spool.recover());
    }

    /** Simulates a restart: the engine and spool are dropped and opened again. */
    void restart() throws IOException {
        engine.close();
        spool.close();
        open();
    }

    QueueId submit(Envelope envelope, byte[] content) throws Exception {
        try (Incoming in = spool.receive(envelope, Fixtures.origin())) {
            in.content().write(content);
            return in.commit();
        }
    }

    List<QueueEntry> queued() {
        return engine.entries();
    }

    /** Runs what is due, then keeps moving the clock to the next wake-up until nothing is left or {@code until}. */
    void runUntil(Instant until) throws InterruptedException {
        engine.runDueNow();
        while (true) {
            var next = engine.nextWake();
            if (next.isEmpty() || next.get().isAfter(until)) {
                return;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
            engine.runDueNow();
        }
    }

    @Override
    public void close() throws IOException {
        engine.close();
        spool.close();
    }
}
