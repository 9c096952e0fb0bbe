package smtp.queue.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context for opportunistic STARTTLS between MTAs: encrypts without authenticating the
 * server. RFC 7435 §1 (opportunistic security: "the baseline is cleartext", so encryption
 * without authentication is strictly better than what would happen otherwise) and RFC 3207 §4.1
 * (the client decides what to do when it cannot verify the server). Never used when TLS is
 * required: that uses the JDK's trust store and a host name check.
 */
final class TrustAll {

    private TrustAll() {
    }

    static SSLContext context() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // the client side never checks its own certificate
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // opportunistic: any certificate encrypts as well as a trusted one
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }
}
