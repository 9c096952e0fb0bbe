package smtp.queue.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import smtp.queue.Envelope;
import smtp.queue.Origin;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.wire.NullPath;

/** The spool readers never throw for any file content: damaged files become {@link Decoded.Corrupt}. */
class SpoolFormatFuzz {

    static final QueuedMessage MESSAGE = new QueuedMessage(new QueueId("0123456789ABCDEF"), Instant.EPOCH, Origin.LOCAL,
            new Envelope(new NullPath(), List.of(smtp.queue.Recipient.of(Fixtures.mailbox("a", "b.example")),
                    smtp.queue.Recipient.of(Fixtures.mailbox("c", "d.example"))),
                    Optional.empty(), Optional.empty(), Optional.empty(), false), 0);

    @FuzzTest(maxDuration = "10s")
    void messageHeaderNeverThrows(byte[] input) throws Exception {
        MessageFile.readHeader(new java.io.ByteArrayInputStream(input));
    }

    @FuzzTest(maxDuration = "10s")
    void stateNeverThrows(byte[] input) {
        StateFile.parse(input, MESSAGE);
    }
}
