package smtp.queue.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import smtp.queue.Delivery;
import smtp.queue.Diagnostic;
import smtp.queue.DsnConfig;
import smtp.queue.Envelope;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.RecipientState;
import smtp.queue.RetryPolicy;
import smtp.wire.BodyType;
import smtp.wire.EnhancedStatus;
import smtp.wire.Mailbox;
import smtp.wire.NullPath;
import smtp.wire.Ret;

/**
 * Writes a delivery status notification, RFC 3464, in the multipart/report container of
 * RFC 6522: a human-readable part, a {@code message/delivery-status} part, and the original
 * message ({@code message/rfc822}) or only its header section ({@code text/rfc822-headers}).
 *
 * <h2>Standards</h2>
 * RFC 3464 §2 (the fields), RFC 3461 §4.3 (RET), §6.1–§6.3 (envelope and contents of a DSN),
 * RFC 6522 §3 (multipart/report), RFC 6533 §6 (message/global-delivery-status and
 * message/global when an address or the message is internationalized), RFC 3834 §5
 * (Auto-Submitted), RFC 5321 §4.5.5 and §6.1 (the null reverse-path).
 *
 * <p>What is returned: for a "failed" DSN the whole message unless RET=HDRS (RFC 3461 §4.3),
 * or unless it is larger than {@link DsnConfig#maxReturnedOctets} or BINARYMIME (which a MIME
 * part cannot carry without BINARYMIME downstream); for "delayed", "delivered" and "relayed"
 * DSNs only the header section, which identifies the message without sending it back.
 */
final class DsnWriter {

    /** One recipient reported on, with the state that decides its Action. */
    record Item(Recipient recipient, RecipientState state) {
        DsnAction action() {
            return DsnAction.of(state.status());
        }
    }

    /** Decisions made before writing: who gets it, what is returned, which encodings it needs. */
    record Plan(Mailbox to, boolean returnFull, boolean international, boolean eightBit) {
    }

    static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final DsnConfig config;
    private final RetryPolicy retry;

    DsnWriter(DsnConfig config, RetryPolicy retry) {
        this.config = config;
        this.retry = retry;
    }

    /** Decides the plan; reads the original once to see whether it has 8-bit octets. */
    Plan plan(QueuedMessage original, List<Item> items, Mailbox to, Delivery.Content content) throws IOException {
        boolean anyFailed = items.stream().anyMatch(i -> i.action() == DsnAction.FAILED);
        Envelope env = original.envelope();
        // RFC 3461 §4.3: RET=HDRS asks for headers only; RET=FULL or none: the full message in a "failed" DSN.
        boolean full = anyFailed && env.ret().orElse(Ret.FULL) == Ret.FULL
                && original.size() <= config.maxReturnedOctets()
                && env.body().orElse(BodyType.SEVEN_BIT) != BodyType.BINARY_MIME;
        boolean international = env.smtpUtf8() || !to.isAscii()
                || items.stream().anyMatch(i -> !i.recipient().mailbox().isAscii());
        boolean eightBit;
        try (InputStream in = content.open()) {
            eightBit = has8Bit(full ? in : new java.io.ByteArrayInputStream(headerSection(in)));
        }
        return new Plan(to, full, international, eightBit || international);
    }

    /**
     * The DSN's envelope, RFC 3461 §6.1 and RFC 5321 §6.1: "This notification MUST be sent using
     * a null ("<>") reverse-path in the envelope."
     */
    Envelope envelope(Plan plan) {
        return new Envelope(new NullPath(), List.of(Recipient.of(plan.to())), Optional.empty(), Optional.empty(),
                Optional.of(plan.eightBit() ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT), plan.international());
    }

    /** Writes the whole DSN message. */
    void write(OutputStream out, QueueId dsnId, Instant now, QueuedMessage original, List<Item> items, Plan plan,
               Delivery.Content content) throws IOException {
        String boundary = dsnId + "/" + config.reportingMta();
        boolean anyFailed = items.stream().anyMatch(i -> i.action() == DsnAction.FAILED);
        boolean anyDelayed = items.stream().anyMatch(i -> i.action() == DsnAction.DELAYED);
        String subject = anyFailed ? "Undelivered Mail Returned to Sender"
                : anyDelayed ? "Delayed Mail (still being retried)" : "Successful Mail Delivery Report";
        Text t = new Text();
        t.line("From: Mail Delivery System <" + config.mailerDaemon() + ">");
        t.line("To: <" + plan.to() + ">");
        t.line("Subject: " + subject);
        t.line("Date: " + RFC5322_DATE.format(now));
        t.line("Message-ID: <" + dsnId + ".dsn@" + config.reportingMta() + ">");
        // RFC 3834 §5: a notification generated in response to a message is "auto-replied".
        t.line("Auto-Submitted: auto-replied");
        t.line("MIME-Version: 1.0");
        // RFC 6522 §3: multipart/report with the report-type parameter; RFC 3464 §2: report-type=delivery-status.
        t.line("Content-Type: multipart/report; report-type=delivery-status;");
        t.line("\tboundary=\"" + boundary + "\"");
        if (plan.eightBit()) {
            t.line("Content-Transfer-Encoding: 8bit");
        }
        t.line("");
        t.line("This is a MIME-encapsulated message.");
        t.line("");
        t.line("--" + boundary);
        t.line("Content-Description: Notification");
        t.line("Content-Type: text/plain; charset=" + (plan.international() ? "utf-8" : "us-ascii"));
        t.line("");
        humanReadable(t, original, items, anyFailed, anyDelayed, plan);
        t.line("");
        t.line("--" + boundary);
        t.line("Content-Description: Delivery report");
        // RFC 6533 §6.1: message/global-delivery-status when the report carries UTF-8.
        t.line("Content-Type: message/" + (plan.international() ? "global-delivery-status" : "delivery-status"));
        t.line("");
        deliveryStatus(t, original, items, plan);
        t.line("");
        t.line("--" + boundary);
        if (plan.returnFull()) {
            t.line("Content-Description: Undelivered Message");
            // RFC 6533 §6.3: message/global for a message with UTF-8 header fields.
            t.line("Content-Type: message/" + (original.envelope().smtpUtf8() ? "global" : "rfc822"));
        } else {
            t.line("Content-Description: " + (anyFailed ? "Undelivered Message Headers" : "Message Headers"));
            // RFC 6522 §4 (text/rfc822-headers); RFC 6533 §6.4 (message/global-headers).
            t.line("Content-Type: " + (original.envelope().smtpUtf8() ? "message/global-headers" : "text/rfc822-headers"));
        }
        t.line("");
        out.write(t.bytes());
        try (InputStream in = content.open()) {
            if (plan.returnFull()) {
                in.transferTo(out);
            } else {
                out.write(headerSection(in));
            }
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void humanReadable(Text t, QueuedMessage original, List<Item> items, boolean anyFailed, boolean anyDelayed, Plan plan) {
        t.line("This is the mail system at host " + config.reportingMta() + ".");
        t.line("");
        if (original.envelope().reversePath() instanceof NullPath) {
            t.line("A delivery status notification (queue id " + original.id() + ") could not be delivered.");
            t.line("It is attached below for the postmaster.");
        } else if (anyFailed) {
            t.line("Your message (queue id " + original.id() + ") could not be delivered to one or more");
            t.line("recipients. " + (plan.returnFull() ? "It is attached below." : "Its header section is attached below."));
        } else if (anyDelayed) {
            Instant until = retry.expiry(original.arrival(), original.envelope().isNotification());
            t.line("Your message (queue id " + original.id() + ") could not be delivered yet to one or more");
            t.line("recipients. This is only a warning: delivery will be retried until");
            t.line(RFC5322_DATE.format(until) + ". You do not need to send the message again.");
        } else {
            t.line("Your message (queue id " + original.id() + ") was delivered as you asked to be told.");
        }
        t.line("");
        for (Item i : items) {
            StringBuilder sb = new StringBuilder("<" + i.recipient().mailbox() + ">: " + i.action().keyword());
            i.state().diagnostic().ifPresent(d -> sb.append(d.fromRemote()
                    ? ", host " + d.remoteMta().orElseThrow() + " said: " + d.summary()
                    : ": " + d.summary() + d.remoteMta().map(m -> " (" + m + ")").orElse("")));
            if (i.action() == DsnAction.FAILED && i.state().diagnostic().map(d -> d.reply().isTransient()).orElse(true)) {
                sb.append(" (gave up: the message was too long in the queue)");
            }
            t.fold(sb.toString());
        }
    }

    private void deliveryStatus(Text t, QueuedMessage original, List<Item> items, Plan plan) {
        // RFC 3464 §2.2: the per-message fields, then one block per recipient, blocks separated by empty lines.
        original.envelope().envelopeId().ifPresent(id -> t.line("Original-Envelope-Id: " + safe(id)));
        t.line("Reporting-MTA: dns; " + config.reportingMta());
        original.origin().heloName().ifPresent(h -> t.line("Received-From-MTA: dns; " + safe(h)
                + original.origin().clientAddress().map(a -> " (" + a.getHostAddress() + ")").orElse("")));
        t.line("Arrival-Date: " + RFC5322_DATE.format(original.arrival()));
        String addressType = plan.international() ? "utf-8" : "rfc822";
        for (Item i : items) {
            t.line("");
            // RFC 3461 §6.3 / RFC 3464 §2.3.1: Original-Recipient is the ORCPT, addr-type and decoded address.
            i.recipient().orcpt().ifPresent(o -> t.line("Original-Recipient: " + o.addressType() + ";" + safe(o.address())));
            t.line("Final-Recipient: " + addressType + "; " + i.recipient().mailbox());
            t.line("Action: " + i.action().keyword());
            t.line("Status: " + status(i));
            Optional<Diagnostic> d = i.state().diagnostic();
            d.flatMap(Diagnostic::remoteMta).ifPresent(m -> t.line("Remote-MTA: dns; " + m));
            // RFC 3464 §2.3.6: Diagnostic-Code is the remote MTA's own report: "smtp; <reply>".
            d.filter(Diagnostic::fromRemote).ifPresent(x -> t.fold("Diagnostic-Code: smtp; " + SpoolText.reply(x.reply())));
            i.state().lastAttempt().ifPresent(a -> t.line("Last-Attempt-Date: " + RFC5322_DATE.format(a)));
            t.line("Final-Log-ID: " + original.id());
            if (i.action() == DsnAction.DELAYED) {
                t.line("Will-Retry-Until: " + RFC5322_DATE.format(retry.expiry(original.arrival(), original.envelope().isNotification())));
            }
        }
    }

    /** RFC 3464 §2.3.4: the status code; one consistent with the Action when none was reported. */
    static EnhancedStatus status(Item i) {
        Optional<EnhancedStatus> s = i.state().diagnostic().map(Diagnostic::status);
        return switch (i.action()) {
            case DELIVERED, RELAYED -> s.filter(x -> x.statusClass() == 2).orElse(EnhancedStatus.of(2, 0, 0));
            case DELAYED -> s.filter(x -> x.statusClass() == 4).orElse(EnhancedStatus.of(4, 0, 0));
            // Given up after temporary failures: the last 4.x.y (RFC 3463 §3.5: 4.4.7 when nothing else is known).
            case FAILED -> s.orElse(EnhancedStatus.of(4, 4, 7));
        };
    }

    /** Text for a header field: control characters are written as xtext so that no field can be forged. */
    static String safe(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? SpoolText.xtext(s) : s;
    }

    /** The header section: everything up to and including the empty line (all of it if there is none). */
    static byte[] headerSection(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        int a = -1;
        int b = -1;
        int c = -1;
        int x;
        while ((x = in.read()) >= 0) {
            out.write(x);
            if (x == '\n' && c == '\r' && b == '\n' && a == '\r') {
                break;
            }
            a = b;
            b = c;
            c = x;
        }
        return out.toByteArray();
    }

    private static boolean has8Bit(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Lines ending in CRLF, with long lines folded at spaces (RFC 5322 §2.2.3). */
    private static final class Text {
        private final StringBuilder sb = new StringBuilder(2048);

        void line(String s) {
            sb.append(s).append("\r\n");
        }

        void fold(String s) {
            String rest = s;
            while (rest.length() > 78) {
                int cut = rest.lastIndexOf(' ', 78);
                if (cut <= 0) {
                    cut = rest.indexOf(' ', 78);
                    if (cut < 0) {
                        break;
                    }
                }
                sb.append(rest, 0, cut).append("\r\n");
                rest = " " + rest.substring(cut + 1);
            }
            line(rest);
        }

        byte[] bytes() {
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
