package smtp.queue.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.queue.Diagnostic;
import smtp.queue.MessageState;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.queue.RecipientState;
import smtp.queue.RecipientStatus;
import smtp.wire.Reply;

/**
 * The state file {@code queue/<id>.state}, format version 1: whether the message is held
 * and one block per recipient. Absent until the first change; then replaced as a whole.
 *
 * <pre>
 * SMTP-REF-QUEUE-STATE 1
 * queue-id: 01JQ7Z8N4K3M5Q2W
 * held: no
 * recipient: 0 &lt;bob@example.com&gt;         (index in the envelope; the path is for humans)
 * status: pending                        (pending, delivered, relayed or failed)
 * attempts: 2
 * last-attempt: 2026-03-01T09:20:02Z     (optional)
 * next-attempt: 2026-03-01T09:30:02Z
 * reply: 451 4.7.1 Greylisted, try again later   (optional: the last reply or condition)
 * reply-from: remote mx.example.com      (remote NAME, local NAME, or local)
 * dsn-owed: no
 * delay-reported: no
 * </pre>
 *
 * <h2>Why replace-by-rename and not an append-only log</h2>
 * A state changes once per delivery attempt, not per received message, so its cost is not on
 * the path that answers clients. Writing a new file, syncing it and renaming it over the old
 * one is atomic (POSIX rename), keeps each message's whole story in two small files a human
 * can read, and makes deletion a matter of removing them: nothing to replay, checksum or
 * compact, and no shared file whose damage would affect every message.
 */
final class StateFile {

    static final String MAGIC = "SMTP-REF-QUEUE-STATE 1";
    static final String SUFFIX = ".state";

    private StateFile() {
    }

    static byte[] format(MessageState state, QueuedMessage message) {
        TextFields f = new TextFields(MAGIC).add("queue-id", state.id()).add("held", TextFields.yesNo(state.held()));
        for (int i = 0; i < state.recipients().size(); i++) {
            RecipientState r = state.recipients().get(i);
            f.add("recipient", i + " <" + message.envelope().recipients().get(i).mailbox() + ">");
            f.add("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            f.add("attempts", r.attempts());
            r.lastAttempt().ifPresent(t -> f.add("last-attempt", t));
            f.add("next-attempt", r.nextAttempt());
            r.diagnostic().ifPresent(d -> {
                f.add("reply", SpoolText.reply(d.reply()));
                f.add("reply-from", (d.fromRemote() ? "remote" : "local") + d.remoteMta().map(m -> " " + m).orElse(""));
            });
            f.add("dsn-owed", TextFields.yesNo(r.dsnOwed()));
            f.add("delay-reported", TextFields.yesNo(r.delayReported()));
        }
        return f.bytes();
    }

    /** Parses a state file written for {@code message}. */
    static Decoded<MessageState> parse(byte[] bytes, QueuedMessage message) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return Decoded.ok(decode(TextFields.parse(text, MAGIC), message));
        } catch (java.nio.charset.CharacterCodingException e) {
            return Decoded.corrupt("state is not UTF-8");
        } catch (CorruptFileException e) {
            return Decoded.corrupt(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Decoded.corrupt("invalid value: " + e.getMessage());
        }
    }

    private static MessageState decode(List<TextFields.Field> fields, QueuedMessage message) throws CorruptFileException {
        QueueId id = null;
        Boolean held = null;
        List<RecipientState> recipients = new ArrayList<>();
        Block block = null;
        for (TextFields.Field f : fields) {
            String v = f.value();
            if (f.name().equals("recipient")) {
                if (block != null) {
                    recipients.add(block.build());
                }
                int sp = v.indexOf(' ');
                if (!(sp < 0 ? v : v.substring(0, sp)).equals(String.valueOf(recipients.size()))) {
                    throw new CorruptFileException("recipient blocks out of order");
                }
                block = new Block();
                continue;
            }
            if (block == null) {
                switch (f.name()) {
                    case "queue-id" -> id = QueueId.parse(v).orElseThrow(() -> new CorruptFileException("bad queue-id"));
                    case "held" -> held = TextFields.yesNo(f);
                    default -> throw new CorruptFileException("unknown field " + f.name());
                }
                continue;
            }
            switch (f.name()) {
                case "status" -> block.status = status(v);
                case "attempts" -> block.attempts = (int) Math.min(Integer.MAX_VALUE, TextFields.number(f));
                case "last-attempt" -> block.lastAttempt = Optional.of(TextFields.instant(f));
                case "next-attempt" -> block.nextAttempt = TextFields.instant(f);
                case "reply" -> block.reply = SpoolText.parseReply(v);
                case "reply-from" -> block.replyFrom = v;
                case "dsn-owed" -> block.dsnOwed = TextFields.yesNo(f);
                case "delay-reported" -> block.delayReported = TextFields.yesNo(f);
                default -> throw new CorruptFileException("unknown field " + f.name());
            }
        }
        if (block != null) {
            recipients.add(block.build());
        }
        if (id == null || held == null || !id.equals(message.id())) {
            throw new CorruptFileException("state of another message or queue-id missing");
        }
        if (recipients.size() != message.envelope().recipients().size()) {
            throw new CorruptFileException("state has " + recipients.size() + " recipients, message has "
                    + message.envelope().recipients().size());
        }
        return new MessageState(id, held, recipients);
    }

    private static RecipientStatus status(String v) throws CorruptFileException {
        for (RecipientStatus s : RecipientStatus.values()) {
            if (s.name().toLowerCase(java.util.Locale.ROOT).equals(v)) {
                return s;
            }
        }
        throw new CorruptFileException("bad status " + v);
    }

    /** The fields of one recipient block as they are read. */
    private static final class Block {
        RecipientStatus status;
        int attempts = -1;
        Optional<Instant> lastAttempt = Optional.empty();
        Instant nextAttempt;
        Reply reply;
        String replyFrom;
        Boolean dsnOwed;
        Boolean delayReported;

        RecipientState build() throws CorruptFileException {
            if (status == null || attempts < 0 || nextAttempt == null || dsnOwed == null || delayReported == null
                    || (reply == null) != (replyFrom == null)) {
                throw new CorruptFileException("incomplete recipient block");
            }
            Optional<Diagnostic> diagnostic = Optional.empty();
            if (reply != null) {
                String[] from = replyFrom.split(" ", 2);
                boolean remote = from[0].equals("remote");
                if (!remote && !from[0].equals("local")) {
                    throw new CorruptFileException("bad reply-from " + replyFrom);
                }
                diagnostic = Optional.of(new Diagnostic(reply, from.length > 1 ? Optional.of(from[1]) : Optional.empty(), remote));
            }
            return new RecipientState(status, attempts, lastAttempt, nextAttempt, diagnostic, dsnOwed, delayReported);
        }
    }
}
