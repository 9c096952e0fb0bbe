package smtp.queue.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A remote SMTP server for fault injection, on a loopback address: each connection follows a
 * {@link Behaviour} chosen by its number (1, 2, ...), so a test can script "451 now, 250 on
 * the next connection", "drop the connection in the middle of DATA", "never answer" or "stop
 * reading after 354".
 * Messages it accepts are recorded with their envelope and content.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** What a server does on one connection. Replies are full lines without CRLF. */
    record Behaviour(boolean hangBeforeGreeting, String greeting, List<String> extensions, String mailReply,
                     java.util.function.Function<String, String> rcptReply, String dataReply, boolean dropInData,
                     String endOfDataReply, boolean hangAfterData, boolean stallInData) {

        static Behaviour accept() {
            return new Behaviour(false, "220 scripted ESMTP", List.of("PIPELINING", "8BITMIME", "SIZE 10000000"),
                    "250 2.1.0 Ok", r -> "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>", false,
                    "250 2.0.0 Ok: queued", false, false);
        }

        Behaviour withExtensions(String... ext) {
            return new Behaviour(hangBeforeGreeting, greeting, List.of(ext), mailReply, rcptReply, dataReply, dropInData,
                    endOfDataReply, hangAfterData, stallInData);
        }

        Behaviour greeting(String reply) {
            return new Behaviour(hangBeforeGreeting, reply, extensions, mailReply, rcptReply, dataReply, dropInData,
                    endOfDataReply, hangAfterData, stallInData);
        }

        Behaviour rcpt(java.util.function.Function<String, String> reply) {
            return new Behaviour(hangBeforeGreeting, greeting, extensions, mailReply, reply, dataReply, dropInData,
                    endOfDataReply, hangAfterData, stallInData);
        }

        Behaviour endOfData(String reply) {
            return new Behaviour(hangBeforeGreeting, greeting, extensions, mailReply, rcptReply, dataReply, dropInData,
                    reply, hangAfterData, stallInData);
        }

        Behaviour droppingInData() {
            return new Behaviour(hangBeforeGreeting, greeting, extensions, mailReply, rcptReply, dataReply, true,
                    endOfDataReply, hangAfterData, stallInData);
        }

        Behaviour hangingBeforeGreeting() {
            return new Behaviour(true, greeting, extensions, mailReply, rcptReply, dataReply, dropInData,
                    endOfDataReply, hangAfterData, stallInData);
        }

        Behaviour hangingAfterData() {
            return new Behaviour(hangBeforeGreeting, greeting, extensions, mailReply, rcptReply, dataReply, dropInData,
                    endOfDataReply, true, stallInData);
        }

        /** Answers 354 to DATA and then stops reading, as a stuck or hostile server would. */
        Behaviour stallingInData() {
            return new Behaviour(hangBeforeGreeting, greeting, extensions, mailReply, rcptReply, dataReply, dropInData,
                    endOfDataReply, hangAfterData, true);
        }
    }

    /** A message the server accepted. */
    record Received(String mailFrom, List<String> rcptTo, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private final IntFunction<Behaviour> script;
    private final AtomicInteger connections = new AtomicInteger();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    /** Counted down when a stalling connection has answered 354 and stopped reading. */
    final java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    private ScriptedSmtpServer(ServerSocket server, IntFunction<Behaviour> script) {
        this.server = server;
        this.script = script;
        Thread.ofVirtual().name("scripted-smtp").start(this::accept);
    }

    static ScriptedSmtpServer start(InetAddress address, int port, IntFunction<Behaviour> script) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(address, port), 50);
        return new ScriptedSmtpServer(s, script);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                int n = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, script.apply(n)));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, Behaviour b) {
        try (s) {
            InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 1 << 16);
            OutputStream out = s.getOutputStream();
            if (b.hangBeforeGreeting()) {
                in.read(); // until the client gives up and closes
                return;
            }
            reply(out, b.greeting());
            String from = null;
            List<String> rcpts = new ArrayList<>();
            boolean accepted = false;
            String line;
            while ((line = readLine(in)) != null) {
                commands.add(line);
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    StringBuilder sb = new StringBuilder("250-scripted");
                    for (int i = 0; i < b.extensions().size(); i++) {
                        sb.append("\r\n250").append(i == b.extensions().size() - 1 ? ' ' : '-').append(b.extensions().get(i));
                    }
                    if (b.extensions().isEmpty()) {
                        sb = new StringBuilder("250 scripted");
                    }
                    reply(out, sb.toString());
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = line.substring(10);
                    rcpts.clear();
                    accepted = false;
                    reply(out, b.mailReply());
                } else if (upper.startsWith("RCPT TO:")) {
                    String r = b.rcptReply().apply(line.substring(8));
                    if (r.startsWith("2")) {
                        rcpts.add(line.substring(8));
                        accepted = true;
                    }
                    reply(out, r);
                } else if (upper.startsWith("AUTH ")) {
                    reply(out, "235 2.7.0 Authentication successful");
                } else if (upper.equals("DATA")) {
                    if (!accepted) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, b.dataReply());
                    if (b.stallInData()) {
                        stalled.countDown();
                        release.await(); // never reads again: the client's writes block once the buffers are full
                        return;
                    }
                    ByteArrayOutputStream data = new ByteArrayOutputStream();
                    String d;
                    int lines = 0;
                    while ((d = readLine(in)) != null && !d.equals(".")) {
                        if (b.dropInData() && ++lines > 2) {
                            return; // the connection breaks in the middle of the message
                        }
                        data.write((d.startsWith(".") ? d.substring(1) : d).getBytes(StandardCharsets.UTF_8));
                        data.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    if (d == null) {
                        return;
                    }
                    if (b.hangAfterData()) {
                        in.read();
                        return;
                    }
                    if (b.endOfDataReply().startsWith("2")) {
                        received.add(new Received(from, List.copyOf(rcpts), data.toByteArray()));
                    }
                    reply(out, b.endOfDataReply());
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else {
                    reply(out, "502 5.5.2 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        int prev = -1;
        while ((c = in.read()) >= 0) {
            if (c == '\n' && prev == '\r') {
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            b.write(c);
            prev = c;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        server.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
