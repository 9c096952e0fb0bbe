package smtp.queue;

import java.io.IOException;
import java.util.List;
import smtp.session.Envelope;
import smtp.session.MessageContent;
import smtp.wire.HeaderField;

/**
 * Computes the trace fields a server adds at the end of data (RFC 5321 §4.4 Received:, RFC 8601
 * Authentication-Results:), stored above the content when the message is committed.
 */
@FunctionalInterface
public interface TraceFields {

    /** No trace fields. */
    TraceFields NONE = (envelope, id, content) -> List.of();

    /**
     * The fields, top to bottom.
     *
     * @param envelope the transaction's envelope
     * @param id       the queue id the message will have (for "id" in Received:)
     * @param content  the content as received
     */
    List<HeaderField> fields(Envelope envelope, QueueId id, MessageContent content) throws IOException;
}
