package smtp.wire;

import java.util.Objects;

/**
 * What the DATA reader concluded once it has seen the end-of-data indicator CRLF.CRLF.
 * Either way the whole DATA section has been consumed, so the session stays in step with
 * the client (RFC 5321 §4.1.1.4: the reply comes only after the terminator).
 */
public sealed interface DataOutcome permits DataOutcome.Accepted, DataOutcome.Rejected {

    /**
     * The message passed the {@link DataPolicy}.
     *
     * @param size the octets written to the sink (after unstuffing; excludes the terminator)
     */
    record Accepted(long size) implements DataOutcome {
    }

    /**
     * The message broke the {@link DataPolicy}; the sink holds at most a prefix and must be
     * discarded.
     *
     * @param reply the reply to send (e.g. 550 5.6.0 for a bare LF, 552 5.3.4 for size,
     *              554 5.6.0 for a long line)
     * @param size  the octets of DATA seen (after unstuffing)
     */
    record Rejected(Reply reply, long size) implements DataOutcome {
        public Rejected {
            Objects.requireNonNull(reply, "reply");
        }
    }
}
