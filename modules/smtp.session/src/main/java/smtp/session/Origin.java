package smtp.session;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import smtp.wire.Host;

/**
 * Where a mail transaction came from: the facts of the SMTP session around it, kept with the
 * {@link Envelope} for trace fields (RFC 5321 §4.4), policy and logs.
 *
 * @param heloName      the argument of the EHLO or HELO command that opened the session
 * @param extended      true after EHLO, false after HELO (RFC 3848 "SMTP" vs "ESMTP")
 * @param clientAddress the peer's IP address
 * @param tls           the TLS session, when the channel is encrypted (STARTTLS or implicit TLS)
 * @param authIdentity  the SASL authorization identity after a successful AUTH (RFC 4954)
 */
public record Origin(Host heloName, boolean extended, InetAddress clientAddress,
                     Optional<TlsInfo> tls, Optional<String> authIdentity) {

    public Origin {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authIdentity, "authIdentity");
    }

    /**
     * The protocol name for the {@code with} clause of a Received field, RFC 3848 §2:
     * SMTP, ESMTP, ESMTPA, ESMTPS or ESMTPSA.
     */
    public String withProtocol() {
        if (!extended) {
            return "SMTP";
        }
        return "ESMTP" + (tls.isPresent() ? "S" : "") + (authIdentity.isPresent() ? "A" : "");
    }
}
