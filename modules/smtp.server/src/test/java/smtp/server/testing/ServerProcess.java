package smtp.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MTA as a separate JVM ({@code java -cp <test class path> smtp.server.Main --config FILE},
 * or with no arguments in a working directory), for what only a process can show: SIGTERM,
 * {@code kill -9}, the first start on the embedded defaults. Output goes to a log file;
 * {@link #start} returns once the server logged its "ready" line.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the server with {@code config}, logging into {@code log} (a new file for each start). */
    public static ServerProcess start(Path config, Path log) throws IOException, InterruptedException {
        return start(List.of("--config", config.toString()), Path.of("").toAbsolutePath(), log);
    }

    /**
     * Starts the server with no arguments (the embedded defaults: ports 2525, 2587, 2465 on
     * 127.0.0.1 and {@code ./var/}) in the working directory {@code dir}.
     */
    public static ServerProcess startWithoutArguments(Path dir, Path log) throws IOException, InterruptedException {
        return start(List.of(), dir, log);
    }

    private static ServerProcess start(List<String> args, Path dir, Path log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "smtp.server.Main"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess s = new ServerProcess(p, log);
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            String text = s.log();
            if (text.contains("smtp.server ready")) {
                return s;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the server exited with " + p.exitValue() + ":\n" + text);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("the server did not log \"ready\" in 90 s:\n" + s.log());
    }

    public long pid() {
        return process.pid();
    }

    /** The log so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGTERM (a graceful shutdown); waits for the exit and returns its status. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
