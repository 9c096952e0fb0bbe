package smtp.session.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A throw-away self-signed certificate made with the JDK's own keytool (no other tool needed),
 * as a server {@link SSLContext} and as PEM files for Python peers; plus a client context that
 * trusts anything (tests only: opportunistic TLS between MTAs does not authenticate either).
 */
public final class SelfSignedTls {

    public final SSLContext server;
    public final Path certPem;
    public final Path keyPem;

    private SelfSignedTls(SSLContext server, Path certPem, Path keyPem) {
        this.server = server;
        this.certPem = certPem;
        this.keyPem = keyPem;
    }

    public static SelfSignedTls create(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "smtp",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes());
        X509Certificate cert = (X509Certificate) ks.getCertificate("smtp");
        PrivateKey key = (PrivateKey) ks.getKey("smtp", "changeit".toCharArray());
        Path certPem = Files.writeString(dir.resolve("cert.pem"),
                "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path keyPem = Files.writeString(dir.resolve("key.pem"),
                "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return new SelfSignedTls(server, certPem, keyPem);
    }

    /** A client context that accepts any certificate. */
    public static SSLContext trustAll() throws GeneralSecurityException {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {any}, null);
        return c;
    }
}
