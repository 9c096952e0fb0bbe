import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds many idle SMTP connections open against one server, for the memory figure of
 * {@code run-load.sh}: each connection reads the 220 greeting, says EHLO, reads the whole 250
 * reply, and then sends nothing until the program ends (a client that went quiet after EHLO,
 * well inside the server's 5-minute command timeout).
 *
 * <p>Run as a single-file program (JDK 21+), no build step:
 * <pre>
 * java benchmarks/load/IdleClients.java HOST PORT COUNT SOURCES HOLD_SECONDS
 * </pre>
 * The connections are spread over {@code SOURCES} loopback source addresses 127.0.0.2,
 * 127.0.0.3, ... (Linux routes all of 127/8 to the loopback interface), so that a per-address
 * connection limit of COUNT/SOURCES suffices. At most 200 connections are being opened at any
 * moment. Prints {@code held N} once every connection is greeted (or {@code failed ...} and exit
 * status 2 if any could not be), then holds them for at most HOLD_SECONDS, or until standard
 * input is closed or the process is terminated, and closes them all.
 */
public final class IdleClients {

    private static final int IN_FLIGHT = 200;
    private static final int TIMEOUT_MS = 30_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java IdleClients.java HOST PORT COUNT SOURCES HOLD_SECONDS");
            System.exit(64);
        }
        InetAddress host = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int sources = Integer.parseInt(args[3]);
        long holdSeconds = Long.parseLong(args[4]);
        if (count < 1 || sources < 1 || sources > 250 || holdSeconds < 1) {
            throw new IllegalArgumentException("COUNT >= 1, 1 <= SOURCES <= 250, HOLD_SECONDS >= 1");
        }

        List<Socket> open = Collections.synchronizedList(new ArrayList<>(count));
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                InetAddress source = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i % sources)});
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        open.add(greet(source, host, port));
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        if (errors.size() < 5) {
                            errors.add(source.getHostAddress() + ": " + e);
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (failed.get() > 0) {
            System.out.println("failed " + failed.get() + " of " + count + " connections in " + ms + " ms, e.g. " + errors);
            closeAll(open);
            System.exit(2);
        }
        System.out.println("held " + open.size() + " connections (greeted and EHLO answered) after " + ms + " ms");
        System.out.flush();

        // Hold until stdin ends (the script closes it or kills us) or the time is up.
        Thread waiter = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // treat as end of input
            }
        });
        waiter.join(TimeUnit.SECONDS.toMillis(holdSeconds));
        closeAll(open);
        System.out.println("closed " + open.size() + " connections");
    }

    /** Connects from {@code source}, reads the greeting, says EHLO and reads its reply. */
    private static Socket greet(InetAddress source, InetAddress host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII), 512);
            expect(in, "220");
            OutputStream out = s.getOutputStream();
            out.write("EHLO idle.load.test\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, "250");
            s.setSoTimeout(0);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Reads one (possibly multi-line) reply and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed, expected " + code);
            }
            if (!line.startsWith(code)) {
                throw new IOException("expected " + code + ", got: " + line);
            }
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return;
            }
        }
    }

    private static void closeAll(List<Socket> sockets) {
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
