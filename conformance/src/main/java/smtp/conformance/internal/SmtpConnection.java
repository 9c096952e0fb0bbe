package smtp.conformance.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import smtp.conformance.Options;
import smtp.conformance.Target;
import smtp.conformance.TlsMode;
import smtp.wire.ParseResult;
import smtp.wire.Reply;
import smtp.wire.ReplyAssembler;

/**
 * One client connection to the target: blocking socket I/O with a deadline on every reply,
 * a TLS upgrade (RFC 3207) or implicit TLS (RFC 8314), and replies assembled and parsed by
 * {@code smtp.wire} ({@link ReplyAssembler}, {@link Reply#parse(java.util.List)}).
 *
 * <h2>Diagnostics</h2>
 * Reading never throws: a reply, a malformed reply, a close or a timeout is an
 * {@link Observation}. Writing never throws either: a failed write (the server closed) is
 * noted in the transcript and the next read reports the close. Only connecting and the TLS
 * handshake throw {@link IOException}.
 */
public final class SmtpConnection implements Closeable {

    /** Longest reply line accepted; RFC 5321 §4.5.3.1.5 allows 512, this is lenient. */
    static final int MAX_LINE = 4096;

    private final Target target;
    private final Options options;
    private final Transcript transcript;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean closed;
    private boolean tls;

    private SmtpConnection(Target target, Options options, Transcript transcript) {
        this.target = target;
        this.options = options;
        this.transcript = transcript;
    }

    /** Connects to the target, with implicit TLS when the target says so. */
    public static SmtpConnection open(Target target, Options options, Transcript transcript) throws IOException {
        SmtpConnection c = new SmtpConnection(target, options, transcript);
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis(options.connectTimeout()));
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        c.attach(s);
        if (target.tls() == TlsMode.IMPLICIT) {
            c.handshake();
        }
        return c;
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** Queues octets; they go out with the next {@link #flush()}. */
    public void queue(byte[] octets) {
        pending.write(octets, 0, octets.length);
        transcript.client(octets);
    }

    /** Queues octets without recording them (large bodies, credentials); the caller notes them. */
    public void queueQuietly(byte[] octets) {
        pending.write(octets, 0, octets.length);
        if (pending.size() >= 64 * 1024) {
            flush();
        }
    }

    /** Sends everything queued in one write. */
    public void flush() {
        if (pending.size() == 0) {
            return;
        }
        byte[] data = pending.toByteArray();
        pending.reset();
        if (closed) {
            return;
        }
        // A blocking write has no timeout of its own: a server that stops reading would hold the
        // runner forever. The watchdog closes the socket when the write outlasts the reply timeout.
        Socket s = socket;
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(options.replyTimeout());
                s.close();
            } catch (InterruptedException | IOException e) {
                // interrupted: the write finished in time
            }
        });
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            transcript.note("write failed: " + e.getMessage());
            closed = true;
        } finally {
            watchdog.interrupt();
        }
    }

    /** True after the server closed the connection or a write failed. */
    public boolean isClosed() {
        return closed;
    }

    public boolean isTls() {
        return tls;
    }

    /** Reads one complete reply, waiting at most the reply timeout. */
    public Observation readReply() {
        flush();
        long deadline = System.nanoTime() + options.replyTimeout().toNanos();
        ReplyAssembler assembler = new ReplyAssembler();
        List<String> lines = new ArrayList<>();
        while (true) {
            Line line;
            try {
                line = readLine(deadline);
            } catch (SocketTimeoutException e) {
                return new Observation.TimedOut(options.replyTimeout());
            } catch (IOException e) {
                closed = true;
                transcript.note("connection lost: " + e.getMessage());
                return lines.isEmpty() ? new Observation.Closed(e.getMessage() == null ? "" : e.getMessage())
                        : new Observation.Malformed(lines, "connection lost in the middle of a reply");
            }
            switch (line) {
                case Line.End end -> {
                    closed = true;
                    transcript.note("server closed the connection");
                    return lines.isEmpty() ? new Observation.Closed("")
                            : new Observation.Malformed(lines, "connection closed in the middle of a reply");
                }
                case Line.TooLong tooLong -> {
                    closed = true;
                    return new Observation.Malformed(lines, "reply line longer than " + MAX_LINE + " octets");
                }
                case Line.Text text -> {
                    transcript.server(text.text() + (text.crlf() ? "" : "\n"));
                    lines.add(text.text());
                    if (!text.crlf()) {
                        return new Observation.Malformed(lines,
                                "reply line ended by a bare LF; RFC 5321 §2.3.8 requires CRLF");
                    }
                    Optional<ParseResult<Reply>> done = assembler.accept(text.text());
                    if (done.isPresent()) {
                        return switch (done.get()) {
                            case ParseResult.Ok<Reply> ok -> new Observation.Received(ok.value(), lines);
                            case ParseResult.Invalid<Reply> bad ->
                                    new Observation.Malformed(lines, "RFC 5321 §4.2: " + bad.reply().text());
                        };
                    }
                }
            }
        }
    }

    private sealed interface Line permits Line.Text, Line.End, Line.TooLong {
        record Text(String text, boolean crlf) implements Line {
        }

        record End() implements Line {
        }

        record TooLong() implements Line {
        }
    }

    private Line readLine(long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (position == limit) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new SocketTimeoutException("reply timeout");
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining / 1_000_000)));
                int n = in.read(buffer);
                if (n < 0) {
                    return new Line.End();
                }
                position = 0;
                limit = n;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                boolean crlf = bytes.length > 0 && bytes[bytes.length - 1] == '\r';
                String text = new String(bytes, 0, crlf ? bytes.length - 1 : bytes.length, StandardCharsets.UTF_8);
                return new Line.Text(text, crlf);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                return new Line.TooLong();
            }
        }
    }

    /**
     * Upgrades the connection after the server's 220 to STARTTLS. Octets the server sent
     * after its 220, before the handshake, are discarded (RFC 3207 §4.2: nothing from before the
     * handshake may be trusted) and noted in the transcript.
     */
    public void startTls() throws IOException {
        flush();
        if (position < limit) {
            transcript.note("discarded " + (limit - position) + " plaintext octets the server sent after 220");
            position = limit;
        }
        handshake();
    }

    private void handshake() throws IOException {
        SSLContext context = tlsContext(options);
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, target.host(), target.port(), true);
        ssl.setUseClientMode(true);
        SSLParameters params = ssl.getSSLParameters();
        if (!options.trustAnyCertificate()) {
            // RFC 7817 / RFC 6125: check the certificate against the name we connected to.
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (isHostName(target.host())) {
            params.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(timeoutMillis(options.connectTimeout()));
        ssl.startHandshake();
        transcript.note("TLS handshake done: " + ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite());
        attach(ssl);
        position = 0;
        limit = 0;
        tls = true;
    }

    static SSLContext tlsContext(Options options) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust = options.trustAnyCertificate() ? new TrustManager[] {new TrustAnyCertificate()} : null;
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    static boolean isHostName(String host) {
        return host.indexOf(':') < 0 && !host.matches("[0-9.]+") && host.indexOf('.') > 0 && !host.endsWith(".");
    }

    static int timeoutMillis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException | RuntimeException e) {
            // Closing is best effort; the scenario's result is already decided.
        }
    }

    /** Sends QUIT if the connection is still open, without waiting long, then closes. */
    public void quitAndClose() {
        if (!closed) {
            try {
                pending.reset();
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoTimeout(500);
                in.read(buffer);
            } catch (IOException e) {
                // The server may already have closed; nothing more to do.
            }
        }
        close();
    }
}
