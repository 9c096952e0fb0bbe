package smtp.queue.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import smtp.queue.Envelope;
import smtp.queue.Origin;
import smtp.queue.Recipient;
import smtp.wire.BodyType;
import smtp.wire.Domain;
import smtp.wire.Ipv4Literal;
import smtp.wire.Mailbox;
import smtp.wire.Notify;
import smtp.wire.OriginalRecipient;
import smtp.wire.Path;
import smtp.wire.Ret;

/** Envelopes, messages and a settable clock shared by the queue's tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** A TCP port free on {@code address} just now (the scripted servers bind it next). */
    static int freePort(InetAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        }
    }

    static Mailbox mailbox(String local, String domain) {
        if (domain.startsWith("[")) {
            try {
                return new Mailbox(local, new Ipv4Literal((java.net.Inet4Address) InetAddress.getByName(
                        domain.substring(1, domain.length() - 1))));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new Mailbox(local, new Domain(domain));
    }

    static Recipient rcpt(String address, Notify... notify) {
        int at = address.lastIndexOf('@');
        Set<Notify> set = notify.length == 0 ? Set.of() : EnumSet.of(notify[0], notify);
        return new Recipient(mailbox(address.substring(0, at), address.substring(at + 1)), set, Optional.empty());
    }

    static Recipient rcptWithOrcpt(String address, String orcpt, Notify... notify) {
        Recipient r = rcpt(address, notify);
        return new Recipient(r.mailbox(), r.notifyOn(), Optional.of(new OriginalRecipient("rfc822", orcpt)));
    }

    static Envelope envelope(String from, Recipient... rcpts) {
        int at = from.lastIndexOf('@');
        return new Envelope(Path.of(mailbox(from.substring(0, at), from.substring(at + 1))), List.of(rcpts),
                Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    static Envelope fullEnvelope() {
        return new Envelope(Path.of(mailbox("alice", "example.org")),
                List.of(rcptWithOrcpt("bob@example.com", "Bob+20Original@example.com", Notify.SUCCESS, Notify.FAILURE),
                        rcpt("\"carol smith\"@example.net", Notify.NEVER),
                        rcpt("dave@[192.0.2.7]")),
                Optional.of(Ret.HDRS), Optional.of("ENV=ID 42+x"), Optional.of(BodyType.EIGHT_BIT_MIME), true);
    }

    static Origin origin() throws Exception {
        return new Origin(Optional.of(InetAddress.getByName("192.0.2.1")), Optional.of("client.example.org"),
                Optional.of("alice"));
    }

    static byte[] message(String subject, String body) {
        return ("From: alice@example.org\r\nTo: bob@example.com\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@example.org>\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A clock that tests move by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        TestClock() {
            this(Instant.parse("2026-03-01T09:00:00Z"));
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
