package smtp.server.internal.store;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import smtp.session.Envelope;
import smtp.wire.HeaderField;
import smtp.wire.Path;

/**
 * The {@code Received:} trace field this server adds to every message it accepts.
 *
 * <pre>
 * Time-stamp-line = "Received:" FWS Stamp CRLF
 * Stamp          = From-domain By-domain Opt-info [CFWS] ";" FWS date-time
 * From-domain    = "FROM" FWS Extended-Domain
 * By-domain      = CFWS "BY" FWS Extended-Domain
 * Extended-Domain = Domain / ( Domain FWS "(" TCP-info ")" ) / ( address-literal FWS "(" TCP-info ")" )
 * TCP-info       = address-literal / ( Domain FWS address-literal )
 * Opt-info       = [Via] [With] [ID] [For] [Additional-Registered-Clauses]
 * With           = CFWS "WITH" FWS Protocol
 * ID             = CFWS "ID" FWS ( Atom / msg-id )
 * For            = CFWS "FOR" FWS ( Path / Mailbox )
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.4: "When an SMTP server receives a message for delivery or further processing,
 * it MUST insert trace ("time stamp" or "Received") information at the beginning of the
 * message content"; the FROM clause "SHOULD contain both (1) the name of the source host as
 * presented in the EHLO command and (2) an address literal containing the IP address of the
 * source, determined from the TCP connection"; the ID clause "MAY contain an "@" as suggested
 * in RFC 822, but this is not required" (we give the queue id); the FOR clause names the
 * recipient when there is exactly one (naming several would disclose Bcc recipients to each
 * other, RFC 5321 §7.2). RFC 3848 §2 (and RFC 6531 §3.7.3): the WITH protocol is SMTP, ESMTP,
 * ESMTPA, ESMTPS or ESMTPSA (UTF8SMTP... with SMTPUTF8). The TLS version and cipher go into a
 * comment, as Postfix writes them.
 */
public final class ReceivedField {

    /** RFC 5322 §3.3 date-time, e.g. {@code Mon, 3 Feb 2025 14:05:09 +0000}. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedField() {
    }

    /** The field for a message received with {@code envelope}, queued as {@code id}, at {@code when}. */
    public static HeaderField of(Envelope envelope, String byHost, String id, ZonedDateTime when) {
        String helo = envelope.origin().heloName().toString();
        String from = "from " + helo + " (" + literal(envelope.origin().clientAddress()) + ")";
        String by = "by " + byHost + " (smtp-ref)";
        String with = "with " + envelope.withProtocol()
                + envelope.origin().tls().map(t -> " (" + t.protocol() + " " + t.cipherSuite() + ")").orElse("");
        String idClause = "id " + id;
        List<smtp.session.Recipient> rcpts = envelope.recipients();
        String forClause = rcpts.size() == 1 && rcpts.get(0).forwardPath() instanceof Path p
                ? "for <" + p.mailbox() + ">" : "";
        String date = DATE.format(when);
        // Folded before each clause (RFC 5322 §2.2.3) so that lines stay under 78 characters.
        StringBuilder raw = new StringBuilder("Received: ").append(from)
                .append("\r\n\t").append(by)
                .append("\r\n\t").append(with)
                .append("\r\n\t").append(idClause);
        if (!forClause.isEmpty()) {
            raw.append("\r\n\t").append(forClause);
        }
        raw.append(";\r\n\t").append(date).append("\r\n");
        String value = " " + from + " " + by + " " + with + " " + idClause + (forClause.isEmpty() ? "" : " " + forClause)
                + "; " + date;
        return new HeaderField("Received", value, raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5321 §4.1.3 address literal: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    static String literal(InetAddress a) {
        String text = a.getHostAddress();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return a instanceof Inet6Address ? "[IPv6:" + text + "]" : "[" + text + "]";
    }
}
