package smtp.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import smtp.dns.testing.Interop;

/** Shared plumbing of the interop tests: ports, certificates, waiting, reports. */
final class Peers {

    private Peers() {
    }

    /** Options every peer run uses: a recipient on the peer's own domain, self-signed TLS accepted. */
    static Options options(String to) {
        return Options.defaults().withTo(to).withTrustAnyCertificate(true)
                .withTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(15));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A scratch directory that a daemon dropping privileges (the postfix user) can traverse. */
    static Path scratch(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** A self-signed certificate and key (PEM) for CN=localhost, made by openssl. */
    static void selfSignedCertificate(Path cert, Path key) throws IOException, InterruptedException {
        Path openssl = Interop.requireExecutable("openssl");
        run(List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString()), Duration.ofSeconds(60));
    }

    /** Runs a command to completion; its output is returned; a non-zero exit is an error. */
    static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:port. */
    static boolean waitForPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        return false;
    }

    /** Deletes a scratch directory made by {@link #scratch(String)}, contents first. */
    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes the Markdown and JUnit reports of a peer run to target/conformance-reports/NAME.(md|xml). */
    static void report(String name, RunResult result) throws IOException {
        Path dir = Paths.get("target", "conformance-reports");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".md"), Reports.markdown(result), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".xml"), Reports.junitXml(result), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".txt"), Reports.summary(result), StandardCharsets.UTF_8);
    }
}
