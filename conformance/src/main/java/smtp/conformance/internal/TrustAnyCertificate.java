package smtp.conformance.internal;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that accepts every server certificate.
 *
 * <p><b>Insecure on purpose, and only used when the user asks for it</b> ({@code --insecure},
 * {@code Options.trustAnyCertificate}). The conformance runner tests how a server speaks SMTP
 * over TLS (RFC 3207), not its PKI; test servers usually have self-signed certificates. With
 * this trust manager, a man in the middle could read the session, including the credentials
 * of the AUTH scenarios: use it only against servers you run yourself, on networks you trust.
 * Nothing else in the project uses it.
 */
final class TrustAnyCertificate extends X509ExtendedTrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // The runner is a client; it never verifies client certificates.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // Deliberately empty: see the class comment.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // The runner is a client; it never verifies client certificates.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // Deliberately empty: see the class comment.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // The runner is a client; it never verifies client certificates.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // Deliberately empty: see the class comment.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
