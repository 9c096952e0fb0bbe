package smtp.session.internal.server;

import java.util.Set;
import smtp.wire.Reply;

/**
 * The reply codes a {@link smtp.session.Policy} answer may have at each point of the session,
 * and the mapping of any other code onto a permitted one of the same meaning. The policy is
 * the MTA's code (or a plug-in's): whatever it returns, the session sends only codes that RFC
 * 5321 §4.3.2 lists for the command, so a client never sees, say, 554 to RCPT.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.3.2 "Command-Reply Sequences" (quoted per constant below); "421 ... can be
 * returned by any command" (§4.3.2) and closes the session (§3.8), so it is always kept.
 * RFC 4954 §6: "530 5.7.0 Authentication required ... SHOULD be returned by any command other
 * than AUTH, EHLO, HELO, NOOP, RSET, or QUIT when server policy requires authentication".
 * RFC 3463 §2: the enhanced status keeps its subject and detail; its class follows the code.
 *
 * <h2>Diagnostics</h2>
 * A permitted code is sent as the policy gave it. Otherwise a 4yz becomes the stage's
 * transient code and a 5yz its permanent code (2yz and 3yz, possible only for VRFY and EXPN,
 * become 252 there), keeping the enhanced status (re-classed) and the text.
 */
enum PolicyReplies {

    /** §4.3.2 "CONNECTION ESTABLISHMENT S: 220 E: 554"; a temporary refusal can only be 421. */
    CONNECT(Set.of(421, 554), 421, 554, 554),
    /**
     * §4.3.2 "EHLO or HELO S: 250 E: 504 ..., 550, 502 ...": no 4yz but 421, so a temporary
     * refusal closes the session with 421 (the client tries again later).
     */
    HELLO(Set.of(421, 504, 550, 502), 421, 550, 550),
    /** §4.3.2 "MAIL S: 250 E: 552, 451, 452, 550, 553, 503, 455, 555"; RFC 4954 §6: 530. */
    MAIL(Set.of(421, 552, 451, 452, 550, 553, 503, 455, 555, 530), 451, 550, 550),
    /** §4.3.2 "RCPT S: 250, 251 ... E: 550, 551, 552, 553, 450, 451, 452, 503, 455, 555"; RFC 4954 §6: 530. */
    RCPT(Set.of(421, 550, 551, 552, 553, 450, 451, 452, 503, 455, 555, 530), 450, 550, 550),
    /**
     * §4.3.2 "DATA I: 354 -&gt; data -&gt; S: 250 E: 552, 554, 451, 452 E: 450, 550 (rejections
     * for policy reasons)"; RFC 4954 §6: 530. Also the end of a BDAT LAST (RFC 3030 §2).
     */
    MESSAGE(Set.of(421, 552, 554, 451, 452, 450, 550, 530), 451, 554, 554),
    /**
     * §4.3.2 "VRFY S: 250, 251, 252 E: 550, 551, 553, 502, 504"; RFC 4954 §6: 530. A temporary
     * failure has no code here: "252 Cannot VRFY user, but will accept message and attempt
     * delivery" (§3.5.3) says what is true while the check cannot be made.
     */
    VRFY(Set.of(421, 250, 251, 252, 550, 551, 553, 502, 504, 530), 252, 550, 252),
    /** §4.3.2 "EXPN S: 250, 252 E: 550, 500, 502, 504"; RFC 4954 §6: 530; 4yz as for VRFY. */
    EXPN(Set.of(421, 250, 252, 550, 500, 502, 504, 530), 252, 550, 252);

    private final Set<Integer> permitted;
    private final int transientCode;
    private final int permanentCode;
    private final int otherCode;

    PolicyReplies(Set<Integer> permitted, int transientCode, int permanentCode, int otherCode) {
        this.permitted = permitted;
        this.transientCode = transientCode;
        this.permanentCode = permanentCode;
        this.otherCode = otherCode;
    }

    /** The codes the policy's reply may keep at this stage. */
    Set<Integer> permitted() {
        return permitted;
    }

    /** {@code reply} if its code is permitted here, else the same status and text under a permitted code. */
    Reply normalise(Reply reply) {
        if (permitted.contains(reply.code())) {
            return reply;
        }
        int code = switch (reply.replyClass()) {
            case TRANSIENT_NEGATIVE_COMPLETION -> transientCode;
            case PERMANENT_NEGATIVE_COMPLETION -> permanentCode;
            case POSITIVE_COMPLETION, POSITIVE_INTERMEDIATE -> otherCode; // from VRFY or EXPN only
        };
        int statusClass = code / 100;
        return new Reply(code, reply.status().map(s -> s.withClass(statusClass)), reply.lines());
    }
}
