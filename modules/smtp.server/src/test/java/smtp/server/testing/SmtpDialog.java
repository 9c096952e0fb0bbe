package smtp.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A scripted SMTP client over a real socket, for tests that need exact control of the octets
 * (pipelining, smuggling, STARTTLS injection, slow clients). Replies are read whole (every
 * continuation line) with a read timeout of 20 s by default.
 */
public final class SmtpDialog implements AutoCloseable {

    /** One reply: its code and lines (without the code and separator). */
    public record Answer(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return code + " " + text();
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final InetSocketAddress address;

    private SmtpDialog(Socket socket, InetSocketAddress address) throws IOException {
        this.socket = socket;
        this.address = address;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        socket.setSoTimeout(20_000);
    }

    /** Connects in clear text (the greeting is not read). */
    public static SmtpDialog connect(InetSocketAddress a) throws IOException {
        Socket s = new Socket();
        s.connect(a, 10_000);
        return new SmtpDialog(s, a);
    }

    /** Connects with implicit TLS (any certificate accepted). */
    public static SmtpDialog connectTls(InetSocketAddress a) throws IOException {
        SmtpDialog d = connect(a);
        d.upgrade();
        return d;
    }

    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Reads one reply. */
    public Answer read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line.length() < 3) {
                throw new IOException("not a reply line: " + line);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Answer(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** Sends a command line (CRLF added) and reads the reply. */
    public Answer cmd(String line) throws IOException {
        send(line + "\r\n");
        return read();
    }

    /** Sends text as it is. */
    public void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** EHLO, then a complete message transaction; returns the reply to the end of data. */
    public Answer mail(String from, List<String> to, String message) throws IOException {
        expect(cmd("MAIL FROM:<" + from + ">"), 250);
        for (String t : to) {
            expect(cmd("RCPT TO:<" + t + ">"), 250);
        }
        expect(cmd("DATA"), 354);
        send(message.replace("\r\n.", "\r\n..") + (message.endsWith("\r\n") ? "" : "\r\n") + ".\r\n");
        return read();
    }

    /** STARTTLS (after EHLO) and the handshake. */
    public void startTls() throws IOException {
        expect(cmd("STARTTLS"), 220);
        upgrade();
    }

    /** AUTH PLAIN with an initial response. */
    public Answer authPlain(String user, String password) throws IOException {
        String ir = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return cmd("AUTH PLAIN " + ir);
    }

    /** True when the server closed the connection (read returns end of stream or a reset). */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Fails unless {@code a} has code {@code code}. */
    public static Answer expect(Answer a, int code) {
        if (a.code() != code) {
            throw new AssertionError("expected " + code + ", got " + a);
        }
        return a;
    }

    private void upgrade() throws IOException {
        SSLSocket ssl = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, address.getHostString(),
                address.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        socket = ssl;
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
    }

    /** The negotiated TLS protocol, or "" in clear text. */
    public String tlsProtocol() {
        return socket instanceof SSLSocket s ? s.getSession().getProtocol() : "";
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        throw new IOException("connection closed" + (b.size() > 0 ? " after " + b : ""));
    }

    /** A TLS context that accepts any certificate (the test server's is self-signed). */
    public static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
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
            }}, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // test cleanup
        }
    }
}
