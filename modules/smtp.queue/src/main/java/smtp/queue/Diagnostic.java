package smtp.queue;

import java.util.Objects;
import java.util.Optional;
import smtp.wire.EnhancedStatus;
import smtp.wire.Reply;

/**
 * Why a delivery attempt ended as it did: the reply, the MTA that gave it and whether it
 * came from that MTA or was made up here (a refused connection, a DNS failure, a timeout).
 * DSNs report it as Status, Remote-MTA and Diagnostic-Code (RFC 3464 §2.3.4–§2.3.6).
 *
 * @param reply      the reply; for local conditions one chosen here with an RFC 3463 status
 * @param remoteMta  the host name of the remote MTA involved, if any
 * @param fromRemote the reply text was sent by {@code remoteMta} (then it is the
 *                   Diagnostic-Code {@code smtp; <reply>}); false for conditions found here
 */
public record Diagnostic(Reply reply, Optional<String> remoteMta, boolean fromRemote) {

    public Diagnostic {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(remoteMta, "remoteMta");
        if (fromRemote && remoteMta.isEmpty()) {
            throw new IllegalArgumentException("a remote reply names its MTA");
        }
    }

    /** A reply received from {@code remoteMta}. */
    public static Diagnostic remote(String remoteMta, Reply reply) {
        return new Diagnostic(reply, Optional.of(remoteMta), true);
    }

    /** A condition found by this MTA, with no remote MTA involved. */
    public static Diagnostic local(int code, String status, String text) {
        return new Diagnostic(Reply.of(code, status, text), Optional.empty(), false);
    }

    /** A condition found by this MTA while talking to {@code remoteMta} (refused, dropped, timed out). */
    public static Diagnostic local(String remoteMta, int code, String status, String text) {
        return new Diagnostic(Reply.of(code, status, text), Optional.of(remoteMta), false);
    }

    /**
     * The RFC 3463 status for the DSN: the reply's enhanced status code, or one derived from
     * the reply code when the server sent none (RFC 3463 §3.1: X.0.0 "other undefined status").
     */
    public EnhancedStatus status() {
        return reply.status().orElseGet(() -> EnhancedStatus.of(reply.code() / 100 == 3 ? 4 : reply.code() / 100, 0, 0));
    }

    /** One line for logs: the reply text with its code. */
    public String summary() {
        return reply.code() + " " + reply.status().map(s -> s + " ").orElse("") + reply.text();
    }
}
