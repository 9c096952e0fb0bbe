package smtp.server.internal.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smtp.queue.Delivery;
import smtp.queue.DeliveryOutcome;
import smtp.queue.Diagnostic;
import smtp.queue.Recipient;
import smtp.queue.Transport;
import smtp.server.internal.users.Mailboxes;

/**
 * The local transport: final delivery into each recipient's Maildir under {@code maildir.root}.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.4: "When the delivery SMTP server makes the "final delivery" of a message, it
 * inserts a return-path line at the beginning of the mail data", {@code Return-Path: <reverse-path>}
 * ({@code <>} for a notification). A {@code Delivered-To:} field names the address delivered to
 * (as Postfix and qmail write it). Several recipients that reach one mailbox
 * ({@code user} and {@code user+tag}) get one copy.
 *
 * <h2>Diagnostics</h2>
 * A recipient that is no longer a user fails with 550 5.1.1; a file system problem throws
 * {@link IOException}, which defers the delivery.
 */
public final class MaildirTransport implements Transport {

    private final Path root;
    private final Mailboxes mailboxes;
    private final String hostname;

    public MaildirTransport(Path root, Mailboxes mailboxes, String hostname) {
        this.root = root;
        this.mailboxes = mailboxes;
        this.hostname = hostname;
    }

    @Override
    public String name() {
        return "maildir";
    }

    @Override
    public List<DeliveryOutcome> deliver(Delivery delivery) throws IOException {
        List<Recipient> rcpts = delivery.recipients();
        DeliveryOutcome[] outcomes = new DeliveryOutcome[rcpts.size()];
        Map<String, List<Integer>> byMailbox = new LinkedHashMap<>();
        for (int i = 0; i < rcpts.size(); i++) {
            Optional<String> user = mailboxes.resolve(rcpts.get(i).mailbox());
            if (user.isEmpty()) {
                outcomes[i] = new DeliveryOutcome.Failed(Diagnostic.local(550, "5.1.1",
                        "<" + rcpts.get(i).mailbox() + ">: user unknown in the local mailbox directory"));
            } else {
                byMailbox.computeIfAbsent(user.get(), u -> new ArrayList<>()).add(i);
            }
        }
        String id = delivery.message().id().toString();
        long arrival = delivery.message().arrival().getEpochSecond();
        for (Map.Entry<String, List<Integer>> e : byMailbox.entrySet()) {
            String user = e.getKey();
            Recipient first = rcpts.get(e.getValue().get(0));
            String prefix = "Return-Path: <" + reversePath(delivery) + ">\r\n"
                    + "Delivered-To: " + first.mailbox() + "\r\n";
            Maildir maildir = new Maildir(root.resolve(user));
            boolean fresh;
            try (InputStream content = delivery.content().open()) {
                fresh = maildir.deliver(Maildir.name(arrival, "Q" + id + "_" + user, hostname),
                        prefix.getBytes(StandardCharsets.UTF_8), content);
            }
            DeliveryOutcome ok = new DeliveryOutcome.Delivered(DeliveryOutcome.Handoff.LOCAL_DELIVERY,
                    Diagnostic.local(250, "2.0.0", fresh ? "delivered to maildir " + user
                            : "already in maildir " + user + " (delivered before a restart)"));
            for (int i : e.getValue()) {
                outcomes[i] = ok;
            }
        }
        return List.of(outcomes);
    }

    private static String reversePath(Delivery d) {
        return d.message().envelope().reversePath() instanceof smtp.wire.Path p ? p.mailbox().toString() : "";
    }
}
