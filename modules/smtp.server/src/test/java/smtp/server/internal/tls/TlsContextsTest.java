package smtp.server.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.server.testing.TestMta;

/** The server TLS context: PEM loading, the self-signed certificate, TLS 1.2 and 1.3 only. */
class TlsContextsTest {

    @Test
    @Tag("8314-4.1")
    @Tag("3207-4-server")
    void onlyTls12And13AreEnabled() throws Exception {
        Path dir = TestMta.sharedTls();
        SSLContext ctx = TlsContexts.server(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            TlsContexts.restrict(s);
            assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, s.getSSLParameters().getProtocols());
        }
        X509Certificate c;
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertTrue(c.getSubjectX500Principal().getName().contains("CN=" + TestMta.HOST), c.getSubjectX500Principal().getName());
        assertEquals(List.of(List.of(2, TestMta.HOST)), c.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
        c.checkValidity();
    }

    @Test
    @Tag("3207-4-server")
    void unusableFilesAreNamed() throws Exception {
        Path dir = Files.createTempDirectory("tls-");
        try {
            Files.writeString(dir.resolve("empty.pem"), "not pem\n");
            IOException e = assertThrows(IOException.class,
                    () -> TlsContexts.server(dir.resolve("empty.pem"), TestMta.sharedTls().resolve("key.pem")));
            assertTrue(e.getMessage().contains("empty.pem"), e.getMessage());
            IOException missing = assertThrows(IOException.class,
                    () -> TlsContexts.server(TestMta.sharedTls().resolve("cert.pem"), dir.resolve("absent.pem")));
            assertTrue(missing.getMessage().contains("absent.pem: no such file"), missing.getMessage());
            assertTrue(SelfSignedCertificate.ensure(dir.resolve("made"), "mx.example.org"));
            assertTrue(!SelfSignedCertificate.ensure(dir.resolve("made"), "mx.example.org"), "kept, not made again");
        } finally {
            TestMta.delete(dir);
        }
    }
}
