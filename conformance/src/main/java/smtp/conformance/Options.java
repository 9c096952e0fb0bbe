package smtp.conformance;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the runner may send and how long it waits. Every bound here exists so that a run is
 * safe by construction: it talks only to its {@link Target}, sends mail only to {@link #to()},
 * never sends a message larger than {@link #maxMessageBytes()} and never waits longer than
 * {@link #replyTimeout()} for one reply.
 *
 * <h2>Limits</h2>
 * Defaults: EHLO domain {@value #DEFAULT_HELO}, sender {@value #DEFAULT_FROM} (RFC 2606 reserved
 * names), no recipient (scenarios that deliver mail are n/a), no credentials, connect timeout
 * 10 s, reply timeout 10 s, at most {@value #DEFAULT_MAX_MESSAGE_BYTES} octets per message,
 * certificates verified.
 *
 * @param helo                the domain sent with EHLO/HELO
 * @param from                the reverse-path mailbox, without angle brackets
 * @param to                  the forward-path mailbox that may receive test messages
 * @param credentials         user and password for the AUTH scenarios
 * @param only                run only scenarios whose id, tag or extension is in this set (empty: all)
 * @param connectTimeout      bound on each TCP connect and TLS handshake
 * @param replyTimeout        bound on the wait for each reply
 * @param trustAnyCertificate accept any server certificate (self-signed test servers); see
 *                            {@code smtp.conformance.internal.TrustAnyCertificate}
 * @param maxMessageBytes     the largest message a scenario may send; bigger ones are n/a
 */
public record Options(String helo, String from, Optional<String> to, Optional<Credentials> credentials,
                      Set<String> only, Duration connectTimeout, Duration replyTimeout,
                      boolean trustAnyCertificate, long maxMessageBytes) {

    public static final String DEFAULT_HELO = "conformance.example.org";
    public static final String DEFAULT_FROM = "conformance@example.org";
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 1_048_576;
    /** The hard ceiling of {@link #maxMessageBytes()}, whatever the caller asks for. */
    public static final long MAX_MESSAGE_BYTES_CEILING = 64L * 1024 * 1024;

    public Options {
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        if (!isDomainLike(helo)) {
            throw new IllegalArgumentException("bad EHLO domain: " + helo);
        }
        checkMailbox(from);
        to.ifPresent(Options::checkMailbox);
        TreeSet<String> normalised = new TreeSet<>();
        for (String tag : only) {
            normalised.add(tag.toLowerCase(Locale.ROOT));
        }
        only = Set.copyOf(normalised);
        if (connectTimeout.isNegative() || connectTimeout.isZero() || replyTimeout.isNegative() || replyTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (connectTimeout.compareTo(Duration.ofMinutes(10)) > 0 || replyTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("timeouts are bounded by 10 minutes (RFC 5321 §4.5.3.2.6)");
        }
        if (maxMessageBytes < 1 || maxMessageBytes > MAX_MESSAGE_BYTES_CEILING) {
            throw new IllegalArgumentException("maxMessageBytes must be 1.." + MAX_MESSAGE_BYTES_CEILING);
        }
    }

    /** The defaults listed above. */
    public static Options defaults() {
        return new Options(DEFAULT_HELO, DEFAULT_FROM, Optional.empty(), Optional.empty(), Set.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(10), false, DEFAULT_MAX_MESSAGE_BYTES);
    }

    public Options withHelo(String value) {
        return new Options(value, from, to, credentials, only, connectTimeout, replyTimeout, trustAnyCertificate, maxMessageBytes);
    }

    public Options withFrom(String value) {
        return new Options(helo, value, to, credentials, only, connectTimeout, replyTimeout, trustAnyCertificate, maxMessageBytes);
    }

    public Options withTo(String value) {
        return new Options(helo, from, Optional.of(value), credentials, only, connectTimeout, replyTimeout, trustAnyCertificate, maxMessageBytes);
    }

    public Options withCredentials(String user, String password) {
        return new Options(helo, from, to, Optional.of(new Credentials(user, password)), only, connectTimeout, replyTimeout,
                trustAnyCertificate, maxMessageBytes);
    }

    public Options withOnly(Set<String> tags) {
        return new Options(helo, from, to, credentials, tags, connectTimeout, replyTimeout, trustAnyCertificate, maxMessageBytes);
    }

    public Options withTimeouts(Duration connect, Duration reply) {
        return new Options(helo, from, to, credentials, only, connect, reply, trustAnyCertificate, maxMessageBytes);
    }

    /** Accept any server certificate: for self-signed test servers only. */
    public Options withTrustAnyCertificate(boolean value) {
        return new Options(helo, from, to, credentials, only, connectTimeout, replyTimeout, value, maxMessageBytes);
    }

    public Options withMaxMessageBytes(long value) {
        return new Options(helo, from, to, credentials, only, connectTimeout, replyTimeout, trustAnyCertificate, value);
    }

    /** The domain of {@link #from()}: the text after its last "@". */
    public String fromDomain() {
        return from.substring(from.lastIndexOf('@') + 1);
    }

    static boolean isDomainLike(String s) {
        return !s.isEmpty() && s.length() <= 255 && s.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '<' && c != '>');
    }

    // A light sanity check, not RFC 5321 §4.1.2 parsing: the server under test is the judge of
    // syntax; this only keeps CR, LF, spaces and brackets out of the command lines we build.
    static void checkMailbox(String mailbox) {
        int at = mailbox.lastIndexOf('@');
        if (at < 1 || at == mailbox.length() - 1 || mailbox.length() > 254
                || mailbox.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '<' || c == '>')) {
            throw new IllegalArgumentException("not a mailbox (local@domain, no brackets): " + mailbox);
        }
    }
}
