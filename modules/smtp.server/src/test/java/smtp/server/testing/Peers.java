package smtp.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real peer programs for interop tests: run one to completion, or start one and stop it. */
public final class Peers {

    private Peers() {
    }

    /** The outcome of a program run to completion. */
    public record Result(int exit, String output) {
    }

    /** Runs {@code command} with {@code stdin}, stdout and stderr merged, within {@code timeout}. */
    public static Result run(List<String> command, String stdin, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("peer-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command.get(0) + " did not finish in " + timeout + ":\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** A free TCP port on loopback (free now; a race with other programs is possible but rare). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
    public static void awaitPort(int port, Duration timeout, Process p, Path log) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (p != null && !p.isAlive()) {
                    throw new AssertionError("the peer exited with " + p.exitValue() + ":\n" + read(log));
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on port " + port + " after " + timeout + ":\n" + read(log));
    }

    /** Stops a started peer: SIGTERM, then SIGKILL after 10 s. */
    public static void stop(Process p) throws InterruptedException {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path log) {
        try {
            return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
