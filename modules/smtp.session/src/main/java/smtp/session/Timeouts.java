package smtp.session;

import java.time.Duration;
import java.util.Objects;

/**
 * The per-command timeouts of RFC 5321 §4.5.3.2, as data: the state machines own no clocks,
 * the I/O layer enforces the value that {@link ServerSession#readTimeout()} or
 * {@link ClientSession#replyTimeout()} names and reports expiry with {@code timeout()}.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.5.3.2: "An SMTP client MUST provide a timeout mechanism. It MUST use per-command
 * timeouts rather than somehow trying to time the entire mail transaction." The minimum values
 * SHOULD be: initial 220 message 5 minutes (§4.5.3.2.1), MAIL 5 minutes (§4.5.3.2.2), RCPT
 * 5 minutes (§4.5.3.2.3), DATA initiation 2 minutes (§4.5.3.2.4), data block 3 minutes
 * (§4.5.3.2.5), DATA termination 10 minutes (§4.5.3.2.6); "An SMTP server SHOULD have a timeout
 * of at least 5 minutes while it is awaiting the next command from the sender" (§4.5.3.2.7).
 *
 * @param initial         client: waiting for the 220 greeting
 * @param mail            client: waiting for the reply to MAIL (also used for EHLO, STARTTLS, AUTH, RSET, QUIT)
 * @param rcpt            client: waiting for the reply to RCPT
 * @param dataInitiation  client: waiting for the 354 reply to DATA
 * @param dataBlock       client: each write of message data
 * @param dataTermination client: waiting for the reply after the end of data
 * @param server          server: waiting for the next command, and for each read of message data
 */
public record Timeouts(Duration initial, Duration mail, Duration rcpt, Duration dataInitiation,
                       Duration dataBlock, Duration dataTermination, Duration server) {

    /** The values RFC 5321 §4.5.3.2 recommends as minimums. */
    public static final Timeouts RFC5321 = new Timeouts(Duration.ofMinutes(5), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10),
            Duration.ofMinutes(5));

    public Timeouts {
        for (Duration d : new Duration[] {initial, mail, rcpt, dataInitiation, dataBlock, dataTermination, server}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    /** The same timeouts with every value replaced by {@code d} (for tests and load drivers). */
    public static Timeouts uniform(Duration d) {
        return new Timeouts(d, d, d, d, d, d, d);
    }
}
