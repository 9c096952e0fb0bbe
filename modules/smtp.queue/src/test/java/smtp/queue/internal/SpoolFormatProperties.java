package smtp.queue.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import smtp.queue.Diagnostic;
import smtp.queue.Envelope;
import smtp.queue.MessageState;
import smtp.queue.Origin;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.RecipientState;
import smtp.queue.RecipientStatus;
import smtp.wire.BodyType;
import smtp.wire.Domain;
import smtp.wire.Mailbox;
import smtp.wire.Notify;
import smtp.wire.NullPath;
import smtp.wire.OriginalRecipient;
import smtp.wire.Path;
import smtp.wire.Reply;
import smtp.wire.Ret;

/** Laws of the spool file formats: read(write(x)) = x for every envelope and state. */
class SpoolFormatProperties {

    static final Instant T = Instant.parse("2026-03-01T09:00:00.123456789Z");

    static Gen<String> atoms() {
        return strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12);
    }

    static Gen<String> text() {
        // any character a decoder can produce (controls included; no lone surrogates): free text must survive via xtext
        return strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 20);
    }

    static Gen<Mailbox> mailboxes() {
        return atoms().zip(atoms(), integers().between(0, 3), (l, d, q) -> switch (q) {
            case 0 -> new Mailbox("\"" + l + " " + d + "\\\"x\"", new Domain(d + ".example"));
            case 1 -> new Mailbox(l + ".é", new Domain(d + ".bücher.example"));
            default -> new Mailbox(l, new Domain(d + ".example"));
        });
    }

    static Gen<Recipient> recipients() {
        return mailboxes().zip(integers().between(0, 15), text(), (m, bits, orcpt) -> {
            Set<Notify> n = EnumSet.noneOf(Notify.class);
            if (bits == 15) {
                n.add(Notify.NEVER);
            } else {
                for (Notify x : List.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY)) {
                    if ((bits & (1 << x.ordinal())) != 0) {
                        n.add(x);
                    }
                }
            }
            return new Recipient(m, n, orcpt.isEmpty() ? Optional.empty() : Optional.of(new OriginalRecipient("rfc822", orcpt)));
        });
    }

    static Gen<Envelope> envelopes() {
        return mailboxes().zip(lists().of(recipients()).ofSizeBetween(1, 5), text(), integers().between(0, 63),
                (from, rcpts, envid, bits) -> new Envelope((bits & 1) == 0 ? Path.of(from) : new NullPath(), rcpts,
                        (bits & 2) == 0 ? Optional.empty() : Optional.of((bits & 4) == 0 ? Ret.FULL : Ret.HDRS),
                        (bits & 8) == 0 ? Optional.empty() : Optional.of(envid),
                        (bits & 16) == 0 ? Optional.empty() : Optional.of(BodyType.values()[bits % 3]), (bits & 32) != 0));
    }

    @Test
    @Tag("5321-6.1a")
    void messageHeaderRoundTrips_rfc5321_6_1() {
        qt().withExamples(300).forAll(envelopes(), text()).check((env, helo) -> {
            QueuedMessage m = new QueuedMessage(new QueueId("0123456789ABCDEF"), T,
                    new Origin(Optional.empty(), Optional.of(helo), Optional.of(helo + "@auth")), env, 0);
            MessageFile.Template t = MessageFile.template(m.id(), m.arrival(), m.origin(), env);
            return MessageFile.parseHeader(t.bytes(), t.bytes().length) instanceof Decoded.Ok<MessageFile.Header> ok
                    && ok.value().message().equals(m);
        });
    }

    @Test
    @Tag("5321-6.1b")
    void stateRoundTrips_rfc5321_6_1() {
        Gen<RecipientState> states = integers().between(0, 3).zip(integers().between(0, 1000), text(), integers().between(0, 7),
                (st, attempts, reply, bits) -> new RecipientState(RecipientStatus.values()[st], attempts,
                        (bits & 1) == 0 ? Optional.empty() : Optional.of(T), T.plusSeconds(attempts),
                        (bits & 2) == 0 ? Optional.empty() : Optional.of((bits & 4) == 0
                                ? Diagnostic.remote("mx" + attempts + ".example", Reply.of(451, "4.7." + (attempts % 10), reply.replaceAll("[\\r\\n]", "")))
                                : Diagnostic.local(550, "5.1.10", "null MX")),
                        (bits & 2) != 0, (bits & 4) != 0));
        qt().withExamples(300).forAll(envelopes(), lists().of(states).ofSize(5)).check((env, list) -> {
            QueuedMessage m = new QueuedMessage(new QueueId("0123456789ABCDEF"), T, Origin.LOCAL, env, 0);
            MessageState s = new MessageState(m.id(), list.get(0).attempts() % 2 == 0, list.subList(0, env.recipients().size()));
            return StateFile.parse(StateFile.format(s, m), m) instanceof Decoded.Ok<MessageState> ok && ok.value().equals(s);
        });
    }
}
