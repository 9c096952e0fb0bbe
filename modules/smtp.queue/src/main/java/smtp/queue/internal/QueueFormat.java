package smtp.queue.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import smtp.queue.Diagnostic;
import smtp.queue.Envelope;
import smtp.queue.QueueEntry;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.RecipientState;
import smtp.queue.RecipientStatus;

/**
 * The text of {@code queue list} (in the spirit of Postfix's mailq) and {@code queue show}.
 *
 * <pre>
 * Queue ID          Size      Arrival               Next attempt          Sender
 * 01JQ7Z8N4K3M5Q2W  1234      2026-03-01 09:15:02Z  2026-03-01 09:30:02Z  &lt;alice@example.org&gt;  HELD
 *     pending    &lt;bob@example.com&gt;  attempts=2  last=451 4.7.1 Greylisted (mx.example.com)
 *     delivered  &lt;carol@example.net&gt;
 * -- 1 message, 2 KiB, 1 recipient pending
 * </pre>
 */
public final class QueueFormat {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private QueueFormat() {
    }

    /** Prints the listing of {@code entries}. */
    public static void list(List<QueueEntry> entries, PrintStream out) {
        if (entries.isEmpty()) {
            out.println("Mail queue is empty");
            return;
        }
        out.printf("%-17s %-9s %-21s %-21s %s%n", "Queue ID", "Size", "Arrival", "Next attempt", "Sender");
        long bytes = 0;
        long pending = 0;
        for (QueueEntry e : entries) {
            QueuedMessage m = e.message();
            bytes += m.size();
            String next = e.state().held() ? "(on hold)" : e.state().nextAttempt().map(TIME::format).orElse("-");
            out.printf("%-17s %-9d %-21s %-21s %s%s%n", m.id(), m.size(), TIME.format(m.arrival()), next,
                    SpoolText.reversePath(m.envelope().reversePath()), e.state().held() ? "  HELD" : "");
            for (int i = 0; i < m.envelope().recipients().size(); i++) {
                RecipientState r = e.state().recipients().get(i);
                pending += r.status() == RecipientStatus.PENDING ? 1 : 0;
                out.printf("    %-10s <%s>%s%s%n", r.status().name().toLowerCase(Locale.ROOT),
                        m.envelope().recipients().get(i).mailbox(),
                        r.attempts() > 0 ? "  attempts=" + r.attempts() : "",
                        r.diagnostic().map(d -> "  last=" + describe(d)).orElse(""));
            }
        }
        out.printf("-- %d message%s, %d KiB, %d recipient%s pending%n", entries.size(), entries.size() == 1 ? "" : "s",
                (bytes + 1023) / 1024, pending, pending == 1 ? "" : "s");
    }

    /** Prints the envelope and state of one message (its content is printed by the caller). */
    public static void show(QueueEntry e, PrintStream out) {
        QueuedMessage m = e.message();
        Envelope env = m.envelope();
        out.println("queue-id: " + m.id());
        out.println("arrival: " + TIME.format(m.arrival()));
        out.println("size: " + m.size());
        out.println("sender: " + SpoolText.reversePath(env.reversePath()));
        m.origin().clientAddress().ifPresent(a -> out.println("client-address: " + a.getHostAddress()));
        m.origin().heloName().ifPresent(h -> out.println("helo: " + DsnWriter.safe(h)));
        m.origin().authenticatedIdentity().ifPresent(a -> out.println("auth: " + DsnWriter.safe(a)));
        env.ret().ifPresent(r -> out.println("ret: " + r));
        env.envelopeId().ifPresent(id -> out.println("envid: " + DsnWriter.safe(id)));
        env.body().ifPresent(b -> out.println("body: " + b.keyword()));
        out.println("smtputf8: " + (env.smtpUtf8() ? "yes" : "no"));
        out.println("held: " + (e.state().held() ? "yes" : "no"));
        for (int i = 0; i < env.recipients().size(); i++) {
            Recipient rc = env.recipients().get(i);
            RecipientState r = e.state().recipients().get(i);
            out.println("recipient: " + SpoolText.recipient(rc));
            out.println("    status: " + r.status().name().toLowerCase(Locale.ROOT) + ", attempts: " + r.attempts()
                    + r.lastAttempt().map(t -> ", last attempt: " + TIME.format(t)).orElse("")
                    + (r.status() == RecipientStatus.PENDING ? ", next attempt: " + time(r.nextAttempt()) : ""));
            r.diagnostic().ifPresent(d -> out.println("    reply: " + describe(d)));
        }
    }

    static String describe(Diagnostic d) {
        return d.summary() + d.remoteMta().map(h -> " (" + h + ")").orElse("");
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }
}
