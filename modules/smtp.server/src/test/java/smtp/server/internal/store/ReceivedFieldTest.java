package smtp.server.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.Envelope;
import smtp.session.Origin;
import smtp.session.Recipient;
import smtp.session.TlsInfo;
import smtp.wire.Domain;
import smtp.wire.HeaderField;
import smtp.wire.HeaderSection;
import smtp.wire.Mailbox;
import smtp.wire.ParseResult;
import smtp.wire.Path;
import smtp.wire.Postmaster;

/** The Received: field: RFC 5321 §4.4 clauses and the RFC 3848 protocol names. */
class ReceivedFieldTest {

    private static final ZonedDateTime WHEN = ZonedDateTime.of(2025, 2, 3, 14, 5, 9, 0, ZoneOffset.UTC);

    private static Envelope envelope(boolean extended, boolean tls, boolean auth, boolean utf8, int recipients,
                                     String ip) throws Exception {
        Origin o = new Origin(new Domain("client.example.org"), extended, InetAddress.getByName(ip),
                tls ? Optional.of(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256")) : Optional.empty(),
                auth ? Optional.of("alice") : Optional.empty());
        List<Recipient> rcpts = new java.util.ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            rcpts.add(Recipient.of(Path.of(new Mailbox("r" + i, new Domain("example.test")))));
        }
        return new Envelope(Path.of(new Mailbox("s", new Domain("example.org"))), rcpts, Optional.empty(), Optional.empty(),
                Optional.empty(), utf8, OptionalLong.empty(), Optional.empty(), o);
    }

    private static String value(Envelope e) {
        return ReceivedField.of(e, "mx.example.test", "01ABCDEFGH", WHEN).value().strip();
    }

    @Test
    @Tag("5321-4.4a")
    void theClausesOfRfc5321_4_4() throws Exception {
        HeaderField f = ReceivedField.of(envelope(true, false, false, false, 1, "192.0.2.7"), "mx.example.test", "01ABCDEFGH", WHEN);
        assertEquals("from client.example.org ([192.0.2.7]) by mx.example.test (smtp-ref) with ESMTP id 01ABCDEFGH"
                + " for <r0@example.test>; Mon, 3 Feb 2025 14:05:09 +0000", f.value().strip());
        // The raw field is folded (RFC 5322 §2.2.3) and parses back as one header field.
        String raw = new String(f.raw(), StandardCharsets.UTF_8);
        assertTrue(raw.startsWith("Received: from client.example.org ([192.0.2.7])\r\n\t") && raw.endsWith("+0000\r\n"), raw);
        assertTrue(raw.lines().allMatch(l -> l.length() <= 78), raw);
        ParseResult<HeaderSection> back = HeaderSection.parse((raw + "\r\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, back.orElseThrow().fields().size());
        assertEquals(f.value().strip(), back.orElseThrow().fields().get(0).value().strip().replaceAll("\\s+", " "));
    }

    @Test
    @Tag("5321-4.4a")
    void forOnlyWithASingleRecipientAndIpv6Literals() throws Exception {
        String v = value(envelope(true, false, false, false, 2, "2001:db8::1"));
        assertTrue(v.contains("([IPv6:2001:db8:0:0:0:0:0:1])") || v.contains("([IPv6:2001:db8::1])"), v);
        assertTrue(!v.contains(" for "), "two recipients: no FOR clause (it would disclose Bcc): " + v);
        Envelope pm = envelope(true, false, false, false, 1, "192.0.2.7").withRecipients(List.of(Recipient.of(new Postmaster())));
        assertTrue(!value(pm).contains(" for "), value(pm));
    }

    @Test
    @Tag("3848-2a")
    @Tag("3848-2b")
    @Tag("3848-2c")
    void withProtocolNames_rfc3848_2() throws Exception {
        assertTrue(value(envelope(false, false, false, false, 1, "192.0.2.7")).contains(" with SMTP id "));
        assertTrue(value(envelope(true, false, false, false, 1, "192.0.2.7")).contains(" with ESMTP id "));
        assertTrue(value(envelope(true, true, false, false, 1, "192.0.2.7")).contains(" with ESMTPS (TLSv1.3 TLS_AES_128_GCM_SHA256) id "));
        assertTrue(value(envelope(true, false, true, false, 1, "192.0.2.7")).contains(" with ESMTPA id "));
        assertTrue(value(envelope(true, true, true, false, 1, "192.0.2.7")).contains(" with ESMTPSA (TLSv1.3"));
        // RFC 6531 §3.7.3: UTF8SMTPS... when the transaction used SMTPUTF8.
        assertTrue(value(envelope(true, true, true, true, 1, "192.0.2.7")).contains(" with UTF8SMTPSA (TLSv1.3"));
    }
}
