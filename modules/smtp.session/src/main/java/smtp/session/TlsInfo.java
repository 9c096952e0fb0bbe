package smtp.session;

import java.util.Objects;

/**
 * What the I/O layer learned from a completed TLS handshake, for trace fields (RFC 5321 §4.4,
 * RFC 3848 "ESMTPS") and logs.
 *
 * @param protocol    e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
 */
public record TlsInfo(String protocol, String cipherSuite) {

    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
    }
}
