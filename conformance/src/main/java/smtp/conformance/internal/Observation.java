package smtp.conformance.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import smtp.wire.Reply;

/** What the runner saw when it waited for a reply. */
public sealed interface Observation
        permits Observation.Received, Observation.Malformed, Observation.Closed, Observation.TimedOut {

    /**
     * A well-formed reply (RFC 5321 §4.2), parsed by {@code smtp.wire}.
     *
     * @param reply the parsed reply
     * @param lines the lines as received, without CRLF
     */
    record Received(Reply reply, List<String> lines) implements Observation {
        public Received {
            Objects.requireNonNull(reply, "reply");
            lines = List.copyOf(lines);
        }
    }

    /**
     * Something that is not a reply: a bad code, a line not ended by CRLF, an over-long line.
     *
     * @param lines  the lines received so far
     * @param reason what is wrong
     */
    record Malformed(List<String> lines, String reason) implements Observation {
        public Malformed {
            lines = List.copyOf(lines);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The server closed the connection (end of stream or reset). @param detail how */
    record Closed(String detail) implements Observation {
        public Closed {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** No complete reply within the timeout. @param after the timeout */
    record TimedOut(Duration after) implements Observation {
        public TimedOut {
            Objects.requireNonNull(after, "after");
        }
    }

    /** A one-line description for reports: the reply lines joined with " / ", or what happened. */
    default String describe() {
        return switch (this) {
            case Received r -> Transcript.clip(String.join(" / ", r.lines()), 300);
            case Malformed m -> "malformed reply (" + m.reason() + ")"
                    + (m.lines().isEmpty() ? "" : ": " + Transcript.clip(String.join(" / ", m.lines()), 200));
            case Closed c -> "connection closed by the server" + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")");
            case TimedOut t -> "no reply within " + t.after().toSeconds() + " s";
        };
    }
}
