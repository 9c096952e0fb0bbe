package smtp.session.internal.client;

/**
 * A command sent whose reply has not arrived yet. With PIPELINING several are outstanding and
 * their replies come back in the same order (RFC 2920 §3.1).
 *
 * @param kind  what the reply answers
 * @param index for RCPT, the recipient's index in the envelope; otherwise -1
 */
record Pending(Kind kind, int index) {

    enum Kind { GREETING, EHLO, HELO, STARTTLS, AUTH, RSET, MAIL, RCPT, DATA, LONE_DOT, MESSAGE, QUIT }

    static Pending of(Kind kind) {
        return new Pending(kind, -1);
    }
}
