package smtp.server.internal.store;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import smtp.session.Envelope;
import smtp.session.Origin;
import smtp.session.Recipient;
import smtp.wire.Domain;
import smtp.wire.Mailbox;
import smtp.wire.Path;

/** Runs a message through {@link SpoolMessage} into memory, for the fuzz target. */
public final class SpoolMessageFuzzSupport {

    private SpoolMessageFuzzSupport() {
    }

    /** Stores {@code message} (written in three chunks) and checks the stored content is not longer. */
    public static void store(byte[] message) throws IOException {
        SpoolMessageTest.MemorySpool in = new SpoolMessageTest.MemorySpool();
        Envelope e = Envelope.of(Path.of(new Mailbox("s", new Domain("example.org"))),
                List.of(Recipient.of(Path.of(new Mailbox("a", new Domain("example.test"))))),
                new Origin(new Domain("c.example.org"), true, InetAddress.getLoopbackAddress(), Optional.empty(), Optional.empty()));
        SpoolMessage m = new SpoolMessage(in, e, "mx.example.test", Optional.empty(), h -> Optional.empty());
        int third = message.length / 3;
        m.write(message, 0, third);
        m.write(message, third, third);
        m.write(message, 2 * third, message.length - 2 * third);
        m.commit();
        if (in.content.size() > message.length) {
            throw new IllegalStateException("the spool got more than was sent");
        }
    }
}
