package smtp.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import smtp.queue.internal.ControlServer;
import smtp.queue.internal.QueueEngine;
import smtp.queue.internal.Spool;

/**
 * The mail queue of a running MTA: the durable spool that incoming mail is committed to, and
 * the delivery agent that sends it on, retries it and reports on it.
 *
 * <pre>
 * MailQueue queue = MailQueue.open(QueueConfig.of(spoolDir, "mx.example.org"), router);
 * queue.start();                                   // deliveries, retries, admin socket
 * try (Incoming in = queue.receive(envelope, origin)) {   // at DATA
 *     in.content().write(...);                     // the unstuffed message
 *     QueueId id = in.commit(traceFields);         // durable: answer "250 OK: queued as " + id
 * }
 * queue.close();
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 5321 §6.1 (reliable delivery), §4.5.4 (retries), §4.5.5 (null reverse-path),
 * RFC 3461 and RFC 3464 (DSNs). See {@link smtp.queue} for the spool format.
 *
 * <h2>Diagnostics</h2>
 * {@link #open} throws {@link IOException} if the spool cannot be created or another process
 * owns it.
 */
public final class MailQueue implements AutoCloseable {

    private final Spool spool;
    private final QueueEngine engine;
    private final QueueConfig config;
    private ControlServer control;

    private MailQueue(Spool spool, QueueEngine engine, QueueConfig config) {
        this.spool = spool;
        this.engine = engine;
        this.config = config;
    }

    /** Opens (and recovers) the spool with the system clock. */
    public static MailQueue open(QueueConfig config, Router router) throws IOException {
        return open(config, router, Clock.systemUTC());
    }

    /**
     * Opens the spool, discards incomplete files and loads every accepted message with its
     * state. Nothing is delivered before {@link #start()}.
     */
    public static MailQueue open(QueueConfig config, Router router, Clock clock) throws IOException {
        Spool spool = Spool.open(config.spool(), clock);
        try {
            QueueEngine engine = new QueueEngine(spool, clock, config.retry(), config.dsn(), router, config.limits());
            List<QueueEntry> entries = spool.recover();
            engine.load(entries);
            return new MailQueue(spool, engine, config);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    /** Starts receiving a message; see {@link Incoming}. Works before and after {@link #start()}. */
    public Incoming receive(Envelope envelope, Origin origin) throws IOException {
        return spool.receive(envelope, origin);
    }

    /**
     * This queue as the {@link smtp.session.MessageStore} of a {@link smtp.session.ServerSession}:
     * the commit reply is {@code 250 2.0.0 OK: queued as <id>}, given once the message is
     * durable; {@code trace} adds the Received: and Authentication-Results: fields.
     * {@code <Postmaster>} is queued for {@code postmaster@<reporting MTA name>}.
     */
    public smtp.session.MessageStore messageStore(TraceFields trace) {
        return new smtp.queue.internal.QueueMessageStore(spool, config.dsn().reportingMta(), trace);
    }

    /** Starts delivering and listening for administration commands ({@code <spool>/control.sock}). */
    public synchronized void start() throws IOException {
        if (control != null) {
            return;
        }
        engine.start();
        control = ControlServer.start(spool.directory(), engine);
    }

    /** Looks at the queue again now: call after mail for a host that was unreachable arrives from it (RFC 5321 §4.5.4.1). */
    public void flush() {
        engine.flush();
        engine.wakeUp();
    }

    /** The messages in the queue with their state. */
    public List<QueueEntry> entries() {
        return engine.entries();
    }

    /** Stops delivering (waiting up to {@code timeout} for deliveries in progress) and releases the spool. */
    public synchronized void close(Duration timeout) throws IOException {
        try {
            if (control != null) {
                control.close();
            }
            engine.stop(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            spool.close();
        }
    }

    @Override
    public void close() throws IOException {
        close(Duration.ofSeconds(30));
    }
}
