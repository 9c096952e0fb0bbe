package smtp.session;

import java.util.Objects;
import smtp.wire.Reply;

/**
 * A {@link Policy} verdict: accept, or reject with a reply of class 4 (try again later, e.g.
 * 451 4.4.3 when DNS failed, 450 4.2.0 when greylisting) or 5 (e.g. 550 5.7.1 relay denied).
 * A reply with code 421 also closes the connection (RFC 5321 §3.8).
 */
public sealed interface Decision permits Decision.Accept, Decision.Reject {

    /** Go on; the session sends its own positive reply. */
    record Accept() implements Decision {
    }

    /**
     * Refuse with this reply.
     *
     * @param reply a 4yz or 5yz reply
     */
    record Reject(Reply reply) implements Decision {
        public Reject {
            Objects.requireNonNull(reply, "reply");
            if (reply.code() < 400) {
                throw new IllegalArgumentException("a rejection needs a 4yz or 5yz reply: " + reply);
            }
        }
    }

    /** The single {@link Accept}. */
    Decision ACCEPT = new Accept();

    static Decision accept() {
        return ACCEPT;
    }

    static Decision reject(Reply reply) {
        return new Reject(reply);
    }
}
