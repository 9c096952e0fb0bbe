package smtp.server.internal.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The TLS context of the MTA's listeners, from PEM files (a certificate chain and its private
 * key). Outbound STARTTLS is the queue's ({@code smtp.queue.SmtpTransport}).
 *
 * <h2>Standards</h2>
 * RFC 8314 §4.1 and RFC 8996: TLS 1.2 or later only ({@link #PROTOCOLS}); the JDK's default
 * cipher suites, which are its modern, forward-secret selection.
 *
 * <h2>Diagnostics</h2>
 * {@link #server} throws {@link IOException} naming the file that is missing, not PEM, holds
 * no certificate or key, or holds an encrypted key.
 */
public final class TlsContexts {

    /** TLS 1.3 and 1.2; nothing older (RFC 8996 deprecates TLS 1.0 and 1.1). */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** A server context for the chain in {@code certFile} and the key in {@code keyFile}. */
    public static SSLContext server(Path certFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "smtp".toCharArray();
            ks.setKeyEntry("server", key, pw, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(keyFile + ": the key does not fit " + certFile + " or is unusable: " + e.getMessage(), e);
        }
    }

    /** Restricts a socket to {@link #PROTOCOLS}. */
    public static void restrict(SSLSocket socket) {
        SSLParameters p = socket.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        socket.setSSLParameters(p);
    }

    private static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : pemObjects(file)) {
            if (o instanceof X509CertificateHolder h) {
                try {
                    chain.add(converter.getCertificate(h));
                } catch (GeneralSecurityException e) {
                    throw new IOException(file + ": unusable certificate: " + e.getMessage(), e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : pemObjects(file)) {
            switch (o) {
                case PEMKeyPair pair -> {
                    return converter.getKeyPair(pair).getPrivate();
                }
                case PrivateKeyInfo info -> {
                    return converter.getPrivateKey(info);
                }
                case PEMEncryptedKeyPair e -> throw new IOException(file + ": the key is encrypted; give an unencrypted key");
                case PKCS8EncryptedPrivateKeyInfo e -> throw new IOException(file + ": the key is encrypted; give an unencrypted key");
                default -> {
                    // certificates or parameters in the same file: skip
                }
            }
        }
        throw new IOException(file + ": no PEM private key found");
    }

    private static List<Object> pemObjects(Path file) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                objects.add(o);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a PEM file: " + e.getMessage(), e);
        }
        return objects;
    }
}
