package smtp.queue;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a message came from, kept with it for trace, logs and DSNs (RFC 3464 §2.2.4
 * Received-From-MTA): the SMTP client's address, the name it gave in EHLO/HELO and the
 * identity it authenticated as (RFC 4954).
 *
 * @param clientAddress         the peer's IP address; empty for locally generated mail (DSNs)
 * @param heloName              the EHLO/HELO argument as sent
 * @param authenticatedIdentity the SASL authorization identity, when the client authenticated
 */
public record Origin(Optional<InetAddress> clientAddress, Optional<String> heloName,
                     Optional<String> authenticatedIdentity) {

    /** Mail made by this host itself (delivery status notifications). */
    public static final Origin LOCAL = new Origin(Optional.empty(), Optional.empty(), Optional.empty());

    public Origin {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(authenticatedIdentity, "authenticatedIdentity");
    }

    /** A message received over SMTP from {@code clientAddress}, which said {@code heloName}. */
    public static Origin smtp(InetAddress clientAddress, String heloName, Optional<String> authenticatedIdentity) {
        return new Origin(Optional.of(clientAddress), Optional.of(heloName), authenticatedIdentity);
    }
}
