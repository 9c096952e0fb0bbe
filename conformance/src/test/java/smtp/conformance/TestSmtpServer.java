package smtp.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server for the runner's own tests, on 127.0.0.1 and a free port. Without
 * breakages it follows RFC 5321 closely enough to pass every applicable MUST scenario (it
 * advertises PIPELINING, SIZE 10000 and 8BITMIME only); each {@link Breakage} makes it
 * deliberately non-conformant, so that a test can prove the runner reports the failure.
 */
final class TestSmtpServer implements AutoCloseable {

    /** Deliberate violations. */
    enum Breakage {
        /** Treats a bare LF as a line end in DATA, so "<LF>.<LF>" ends the message (RFC 5321 §4.1.1.4). */
        BARE_LF_ENDS_DATA,
        /** Accepts RCPT without a MAIL transaction (RFC 5321 §3.3 requires 503). */
        RCPT_WITHOUT_MAIL,
        /** Closes the connection after an unknown command (RFC 5321 §3.8). */
        CLOSE_ON_UNKNOWN_COMMAND,
        /**
         * Answers MAIL with "530 5.7.0 Authentication required" but never advertises AUTH: a
         * client cannot comply (RFC 4954 §6 ties 530 to the AUTH extension).
         */
        REQUIRES_AUTH_NOT_OFFERED
    }

    /** Conformant policies of a submission server (not breakages). */
    enum Policy {
        /**
         * Advertises AUTH PLAIN LOGIN and answers MAIL before a successful AUTH with "530 5.7.0
         * Authentication required" (RFC 4954 §6, RFC 6409 §4.3); lets {@link #USER} send only as
         * {@code user@...} addresses (553 5.7.1 otherwise, RFC 6409 §6.1).
         */
        REQUIRE_AUTH,
        /** Advertises STARTTLS (not AUTH) and answers MAIL "530 5.7.0 Must issue a STARTTLS command first" (RFC 3207 §4). */
        REQUIRE_STARTTLS
    }

    /** The credentials {@link Policy#REQUIRE_AUTH} accepts. */
    static final String USER = "user";
    static final String PASSWORD = "secret";

    static final int SIZE_LIMIT = 10_000;
    static final Pattern MAIL = Pattern.compile("(?i)MAIL FROM:<([^<>\\s]*)>((?: [^ ]+)*)");
    static final Pattern RCPT = Pattern.compile("(?i)RCPT TO:<(@[^:<>\\s]+:)?([^<>\\s]+)>((?: [^ ]+)*)");
    static final Pattern QUOTED_MAIL = Pattern.compile("(?i)MAIL FROM:<\"[^\"]*\"@[^<>\\s]+>");

    private final Set<Breakage> breakages;
    private final Set<Policy> policies;
    private final ServerSocket listener;
    private final AtomicInteger messages = new AtomicInteger();

    TestSmtpServer(Set<Breakage> breakages) throws IOException {
        this(breakages, Set.of());
    }

    TestSmtpServer(Set<Breakage> breakages, Set<Policy> policies) throws IOException {
        this.breakages = breakages.isEmpty() ? EnumSet.noneOf(Breakage.class) : EnumSet.copyOf(breakages);
        this.policies = policies.isEmpty() ? EnumSet.noneOf(Policy.class) : EnumSet.copyOf(policies);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("test-smtp-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Messages accepted with 250 after DATA. */
    int messages() {
        return messages.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                Thread.ofVirtual().name("test-smtp-session").start(() -> session(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void session(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            new Session(socket.getInputStream(), socket.getOutputStream()).run();
        } catch (IOException e) {
            // client went away
        }
    }

    /** One SMTP session. */
    private final class Session {
        final InputStream in;
        final OutputStream out;
        boolean greeted;
        boolean extended;
        boolean authenticated;
        boolean mail;
        int recipients;

        Session(InputStream in, OutputStream out) {
            this.in = new java.io.BufferedInputStream(in);
            this.out = out;
        }

        void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        void run() throws IOException {
            reply("220 test.invalid ESMTP conformance test server");
            out.flush();
            while (true) {
                if (in.available() == 0) {
                    out.flush(); // RFC 2920 §3.2: send pending replies before blocking on a read
                }
                byte[] raw = readCommandLine();
                if (raw == null) {
                    return;
                }
                if (raw.length > 510) {
                    reply("500 5.5.6 line too long");
                    continue;
                }
                String line = new String(raw, StandardCharsets.UTF_8).stripTrailing();
                if (!handle(line, raw)) {
                    out.flush();
                    return;
                }
            }
        }

        // Reads up to CRLF; a command line over 512 octets is consumed and reported as too long.
        byte[] readCommandLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int prev = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n' && prev == '\r') {
                    byte[] bytes = line.toByteArray();
                    return java.util.Arrays.copyOf(bytes, bytes.length - 1);
                }
                if (line.size() < 100_000) {
                    line.write(b);
                }
                prev = b;
            }
        }

        boolean handle(String line, byte[] raw) throws IOException {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            String arg = line.length() > verb.length() ? line.substring(verb.length() + 1) : "";
            for (byte b : raw) {
                if (b < 0) {
                    reply("500 5.5.2 non-ASCII command without SMTPUTF8");
                    return true;
                }
            }
            switch (verb) {
                case "EHLO" -> {
                    if (arg.isBlank()) {
                        reply("501 5.5.4 EHLO needs a domain");
                        return true;
                    }
                    greeted = true;
                    extended = true;
                    reset();
                    reply("250-test.invalid greets " + arg);
                    if (policies.contains(Policy.REQUIRE_AUTH)) {
                        reply("250-AUTH PLAIN LOGIN");
                    }
                    if (policies.contains(Policy.REQUIRE_STARTTLS)) {
                        reply("250-STARTTLS");
                    }
                    reply("250-PIPELINING");
                    reply("250-SIZE " + SIZE_LIMIT);
                    reply("250 8BITMIME");
                }
                case "HELO" -> {
                    if (arg.isBlank()) {
                        reply("501 5.5.4 HELO needs a domain");
                        return true;
                    }
                    greeted = true;
                    extended = false;
                    reset();
                    reply("250 test.invalid");
                }
                case "MAIL" -> mail(line);
                case "AUTH" -> auth(arg);
                case "RCPT" -> rcpt(line);
                case "DATA" -> data(arg);
                case "RSET" -> {
                    if (!arg.isEmpty()) {
                        reply("501 5.5.4 RSET takes no argument");
                    } else {
                        reset();
                        reply("250 2.0.0 OK");
                    }
                }
                case "NOOP" -> reply("250 2.0.0 OK");
                case "VRFY" -> reply(arg.isEmpty() ? "501 5.5.4 VRFY needs an argument" : "252 2.5.0 cannot verify, will accept");
                case "EXPN" -> reply("502 5.5.1 EXPN not implemented");
                case "HELP" -> reply("214 2.0.0 see RFC 5321");
                case "QUIT" -> {
                    if (!arg.isEmpty()) {
                        reply("501 5.5.4 QUIT takes no argument");
                        return true;
                    }
                    reply("221 2.0.0 bye");
                    return false;
                }
                default -> {
                    reply("500 5.5.1 command not recognized");
                    return !breakages.contains(Breakage.CLOSE_ON_UNKNOWN_COMMAND);
                }
            }
            return true;
        }

        void reset() {
            mail = false;
            recipients = 0;
        }

        void mail(String line) throws IOException {
            if (!greeted) {
                reply("503 5.5.1 send EHLO first");
                return;
            }
            if (mail) {
                reply("503 5.5.1 nested MAIL");
                return;
            }
            if (policies.contains(Policy.REQUIRE_STARTTLS)) {
                reply("530 5.7.0 Must issue a STARTTLS command first");
                return;
            }
            if (!authenticated && (policies.contains(Policy.REQUIRE_AUTH)
                    || breakages.contains(Breakage.REQUIRES_AUTH_NOT_OFFERED))) {
                reply("530 5.7.0 Authentication required");
                return;
            }
            Matcher m = MAIL.matcher(line);
            if (!m.matches()) {
                if (QUOTED_MAIL.matcher(line).matches()) {
                    accept(line);
                } else {
                    reply("501 5.5.4 syntax: MAIL FROM:<address>");
                }
                return;
            }
            String path = m.group(1);
            if (path.length() + 2 > 256 || !path.isEmpty() && (path.indexOf('@') < 1 || path.indexOf('@') > 64)) {
                reply("501 5.1.3 bad path");
                return;
            }
            for (String p : m.group(2).trim().split(" ")) {
                String param = p.toUpperCase(Locale.ROOT);
                if (param.isEmpty() || param.equals("BODY=7BIT") || param.equals("BODY=8BITMIME")) {
                    continue;
                }
                if (param.startsWith("SIZE=")) {
                    if (!param.substring(5).matches("[0-9]{1,20}")) {
                        reply("501 5.5.4 bad SIZE");
                        return;
                    }
                    if (Long.parseLong(param.substring(5)) > SIZE_LIMIT) {
                        reply("552 5.3.4 message size exceeds fixed limit");
                        return;
                    }
                    continue;
                }
                if (param.startsWith("BODY=")) {
                    reply("501 5.5.4 bad BODY");
                    return;
                }
                reply("555 5.5.4 unsupported parameter " + p);
                return;
            }
            accept(line);
        }

        /** A well-formed MAIL: 250, or 553 5.7.1 for an authenticated user's foreign address (RFC 6409 §6.1). */
        void accept(String line) throws IOException {
            String lower = line.toLowerCase(Locale.ROOT);
            if (authenticated && !lower.startsWith("mail from:<" + USER + "@") && !lower.startsWith("mail from:<>")) {
                reply("553 5.7.1 sender address not owned by " + USER);
                return;
            }
            mail = true;
            reply("250 2.1.0 OK");
        }

        // RFC 4954 §4: AUTH mechanism [initial-response]; PLAIN (RFC 4616) and LOGIN.
        void auth(String arg) throws IOException {
            if (!policies.contains(Policy.REQUIRE_AUTH) || !extended) {
                reply("503 5.5.1 AUTH not available");
                return;
            }
            if (authenticated || mail) {
                reply("503 5.5.1 " + (mail ? "AUTH inside a mail transaction" : "already authenticated"));
                return;
            }
            String[] words = arg.split(" ");
            String mechanism = words[0].toUpperCase(Locale.ROOT);
            String user;
            String password;
            if (mechanism.equals("PLAIN")) {
                String response = words.length > 1 ? words[1] : challenge("");
                byte[] plain = decode(response);
                if (plain == null) {
                    return;
                }
                String[] parts = new String(plain, StandardCharsets.UTF_8).split("\0", -1);
                if (parts.length != 3) {
                    reply("501 5.5.2 malformed PLAIN response");
                    return;
                }
                user = parts[1];
                password = parts[2];
            } else if (mechanism.equals("LOGIN")) {
                byte[] u = decode(challenge("VXNlcm5hbWU6"));
                if (u == null) {
                    return;
                }
                byte[] p = decode(challenge("UGFzc3dvcmQ6"));
                if (p == null) {
                    return;
                }
                user = new String(u, StandardCharsets.UTF_8);
                password = new String(p, StandardCharsets.UTF_8);
            } else {
                reply("504 5.5.4 unknown mechanism");
                return;
            }
            if (user.equals(USER) && password.equals(PASSWORD)) {
                authenticated = true;
                reply("235 2.7.0 Authentication successful");
            } else {
                reply("535 5.7.8 Authentication credentials invalid");
            }
        }

        /** Sends a 334 challenge and reads the client's line. */
        String challenge(String text) throws IOException {
            reply("334 " + text);
            out.flush();
            byte[] raw = readCommandLine();
            return raw == null ? "*" : new String(raw, StandardCharsets.US_ASCII);
        }

        /** The decoded response; null (after 501) for "*" or text that is not base64 (RFC 4954 §4). */
        byte[] decode(String response) throws IOException {
            if (response.equals("*")) {
                reply("501 5.7.0 AUTH cancelled");
                return null;
            }
            try {
                return java.util.Base64.getDecoder().decode(response);
            } catch (IllegalArgumentException e) {
                reply("501 5.5.2 not base64");
                return null;
            }
        }

        void rcpt(String line) throws IOException {
            if (!mail && !breakages.contains(Breakage.RCPT_WITHOUT_MAIL)) {
                reply("503 5.5.1 need MAIL first");
                return;
            }
            Matcher m = RCPT.matcher(line);
            if (!m.matches()) {
                reply("501 5.5.4 syntax: RCPT TO:<address>");
                return;
            }
            if (!m.group(3).isBlank()) {
                reply("555 5.5.4 unsupported parameter");
                return;
            }
            recipients++;
            reply("250 2.1.5 OK");
        }

        void data(String arg) throws IOException {
            if (!arg.isEmpty()) {
                reply("501 5.5.4 DATA takes no argument");
                return;
            }
            if (!mail || recipients == 0) {
                reply("503 5.5.1 need MAIL and RCPT first");
                return;
            }
            reply("354 end with <CRLF>.<CRLF>");
            out.flush();
            long size = readData();
            if (size < 0) {
                return;
            }
            reset();
            if (size > SIZE_LIMIT) {
                reply("552 5.3.4 message too big");
            } else {
                messages.incrementAndGet();
                reply("250 2.0.0 accepted");
            }
        }

        // RFC 5321 §4.1.1.4: the data end at a line that is exactly "." between CRLFs; with the
        // BARE_LF_ENDS_DATA breakage, a bare LF also ends a line (the smuggling bug).
        long readData() throws IOException {
            long size = 0;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int prev = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return -1;
                }
                boolean crlf = b == '\n' && prev == '\r';
                boolean bareLf = b == '\n' && prev != '\r' && breakages.contains(Breakage.BARE_LF_ENDS_DATA);
                if (crlf || bareLf) {
                    byte[] l = line.toByteArray();
                    int len = crlf ? l.length - 1 : l.length;
                    if (len == 1 && l[0] == '.') {
                        return size;
                    }
                    size += len + 2;
                    line.reset();
                } else if (line.size() < 100_000) {
                    line.write(b);
                }
                prev = b;
            }
        }
    }
}
