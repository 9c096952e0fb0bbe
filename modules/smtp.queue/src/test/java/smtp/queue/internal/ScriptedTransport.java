package smtp.queue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import smtp.queue.Delivery;
import smtp.queue.DeliveryOutcome;
import smtp.queue.Diagnostic;
import smtp.queue.QueueId;
import smtp.queue.Recipient;
import smtp.queue.Transport;
import smtp.wire.Reply;

/**
 * A transport for engine tests: answers each recipient with a scripted outcome and records
 * every delivery with the octets it read.
 */
final class ScriptedTransport implements Transport {

    /** One call: the message, the recipients, what was read, and the call number (from 1). */
    record Call(QueueId id, List<Recipient> recipients, byte[] content, int number, boolean reversePathNull) {
    }

    private final String name;
    private final BiFunction<Recipient, Integer, DeliveryOutcome> script;
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    ScriptedTransport(String name, BiFunction<Recipient, Integer, DeliveryOutcome> script) {
        this.name = name;
        this.script = script;
    }

    /** Accepts everything as a final delivery. */
    static ScriptedTransport sink(String name) {
        return new ScriptedTransport(name, (r, n) -> delivered());
    }

    static DeliveryOutcome delivered() {
        return new DeliveryOutcome.Delivered(DeliveryOutcome.Handoff.LOCAL_DELIVERY,
                Diagnostic.local(250, "2.0.0", "delivered to mailbox"));
    }

    static DeliveryOutcome relayed(boolean conforming) {
        return new DeliveryOutcome.Delivered(conforming ? DeliveryOutcome.Handoff.RELAY_CONFORMING
                : DeliveryOutcome.Handoff.RELAY_NON_CONFORMING, Diagnostic.remote("mx.example.com", Reply.of(250, "2.0.0", "Ok: queued as X")));
    }

    static DeliveryOutcome deferred(String text) {
        return new DeliveryOutcome.Deferred(Diagnostic.remote("mx.example.com", Reply.of(451, "4.7.1", text)));
    }

    /** The destination as a whole could not be used (every host refused the session). */
    static DeliveryOutcome unreachable(String text) {
        return new DeliveryOutcome.Deferred(Diagnostic.remote("mx.example.com", Reply.of(421, "4.3.2", text)), true);
    }

    static DeliveryOutcome failed(String text) {
        return new DeliveryOutcome.Failed(Diagnostic.remote("mx.example.com", Reply.of(550, "5.1.1", text)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<DeliveryOutcome> deliver(Delivery d) throws IOException {
        byte[] content;
        try (InputStream in = d.content().open()) {
            content = in.readAllBytes();
        }
        int number;
        synchronized (calls) {
            number = calls.size() + 1;
            calls.add(new Call(d.message().id(), d.recipients(), content, number, d.message().envelope().isNotification()));
        }
        return d.recipients().stream().map(r -> script.apply(r, number)).toList();
    }

    /** The calls for messages with a null reverse-path (DSNs). */
    List<Call> notifications() {
        synchronized (calls) {
            return calls.stream().filter(Call::reversePathNull).toList();
        }
    }
}
