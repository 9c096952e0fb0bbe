package smtp.queue;

import java.util.Objects;
import java.util.Optional;
import smtp.wire.Domain;
import smtp.wire.Mailbox;

/**
 * How this MTA writes delivery status notifications (RFC 3464) and what it does with one that
 * cannot be delivered.
 *
 * @param reportingMta      this host's name: {@code Reporting-MTA: dns; <name>} (RFC 3464
 *                          §2.2.2) and the domain of {@code MAILER-DAEMON@<name>}
 * @param postmaster        where a notification that cannot be delivered goes (RFC 5321 §4.5.5:
 *                          "at some hosts the MTA is set up to forward such failed notification
 *                          messages to someone who is able to fix problems with the mail system,
 *                          e.g., via the postmaster alias"); empty: drop it and log (default:
 *                          {@code postmaster@<reportingMta>})
 * @param maxReturnedOctets a message larger than this is returned as headers only even with
 *                          RET=FULL (default 10 MiB), so that a bounce is not refused for its size
 */
public record DsnConfig(String reportingMta, Optional<Mailbox> postmaster, long maxReturnedOctets) {

    public DsnConfig {
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(postmaster, "postmaster");
        if (reportingMta.isBlank() || reportingMta.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("reportingMta must be a host name");
        }
        if (maxReturnedOctets < 0) {
            throw new IllegalArgumentException("maxReturnedOctets >= 0");
        }
    }

    /** Reports as {@code hostName}; failed notifications go to {@code postmaster@hostName}. */
    public static DsnConfig of(String hostName) {
        return new DsnConfig(hostName, Optional.of(new Mailbox("postmaster", new Domain(hostName))), 10L << 20);
    }

    /** The same with failed notifications dropped (and logged) instead of sent to postmaster. */
    public DsnConfig dropUndeliverableNotifications() {
        return new DsnConfig(reportingMta, Optional.empty(), maxReturnedOctets);
    }

    /** The sender shown in the From: field of DSNs. */
    public Mailbox mailerDaemon() {
        return new Mailbox("MAILER-DAEMON", new Domain(reportingMta));
    }
}
