package smtp.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One DKIM private key of a local domain, as configured by {@code dkim.key.<domain>}: a PEM
 * file (RSA or Ed25519, PKCS#8 or PKCS#1) and the selector its public key is published under
 * ({@code <selector>._domainkey.<domain>}, RFC 6376 §3.6.2.1).
 *
 * @param selector the {@code s=} selector
 * @param pem      the PEM file
 */
public record DkimKeyFile(String selector, Path pem) {

    public DkimKeyFile {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(pem, "pem");
        // RFC 6376 §3.1: selector = sub-domain *( "." sub-domain )
        if (!selector.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            throw new IllegalArgumentException("not a selector (RFC 6376 §3.1): " + selector);
        }
    }
}
