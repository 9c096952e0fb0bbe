package smtp.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import smtp.dns.testing.Interop;

/**
 * A real Postfix on loopback with its own config_directory, queue_directory and
 * data_directory in a temporary directory ({@code postfix -c DIR start-fg}, logging to its
 * standard output), stopped with {@code postfix -c DIR stop}. Needs root (Postfix drops to its
 * {@code postfix} user), as in CI and on these machines; otherwise the test is skipped (or
 * fails in CI, {@link Interop}).
 */
public final class PostfixPeer implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final Path log;
    private final int port;

    private PostfixPeer(Path dir, Process process, Path log, int port) {
        this.dir = dir;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts Postfix with its smtpd on a free loopback port and {@code mainCf} appended to a
     * minimal main.cf (no local delivery, no DNS: hosts come from {@code /etc/hosts} and literals).
     */
    public static PostfixPeer start(String hostname, String mainCf) throws IOException, InterruptedException {
        Path postfix = Interop.requireExecutable("postfix");
        Interop.assume("root".equals(System.getProperty("user.name")), "root, to run Postfix");
        Path dir = Files.createTempDirectory("postfix-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("spool"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Peers.Result chown = Peers.run(List.of("chown", "postfix", data.toString()), "", Duration.ofSeconds(10));
        if (chown.exit() != 0) {
            throw new IOException("chown postfix " + data + ": " + chown.output());
        }
        int port = Peers.freePort();
        Files.writeString(etc.resolve("main.cf"), """
                compatibility_level = 3.6
                queue_directory = %1$s/spool
                data_directory = %1$s/data
                command_directory = /usr/sbin
                daemon_directory = /usr/lib/postfix/sbin
                meta_directory = /etc/postfix
                shlib_directory = /usr/lib/postfix
                mail_owner = postfix
                setgid_group = postdrop
                myhostname = %2$s
                myorigin = $myhostname
                mydestination =
                local_transport = error:no local delivery here
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                mynetworks = 127.0.0.0/8
                alias_maps =
                alias_database =
                maillog_file = /dev/stdout
                syslog_name = postfix-test
                smtp_host_lookup = native
                disable_dns_lookups = yes
                smtpd_banner = $myhostname ESMTP Postfix (test)
                queue_run_delay = 1s
                minimal_backoff_time = 1s
                maximal_backoff_time = 2s
                """.formatted(dir, hostname) + mainCf, StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("master.cf"), """
                127.0.0.1:%d inet n - n - - smtpd
                pickup unix n - n 60 1 pickup
                cleanup unix n - n - 0 cleanup
                qmgr unix n - n 300 1 qmgr
                tlsmgr unix - - n 1000? 1 tlsmgr
                rewrite unix - - n - - trivial-rewrite
                bounce unix - - n - 0 bounce
                defer unix - - n - 0 bounce
                trace unix - - n - 0 bounce
                verify unix - - n - 1 verify
                flush unix n - n 1000? 0 flush
                proxymap unix - - n - - proxymap
                smtp unix - - n - - smtp
                relay unix - - n - - smtp
                showq unix n - n - - showq
                error unix - - n - - error
                retry unix - - n - - error
                discard unix - - n - - discard
                anvil unix - - n - 1 anvil
                scache unix - - n - 1 scache
                postlog unix-dgram n - n - 1 postlogd
                """.formatted(port), StandardCharsets.UTF_8);
        Path log = dir.resolve("postfix.log");
        Process p = new ProcessBuilder(postfix.toString(), "-c", etc.toString(), "start-fg")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PostfixPeer peer = new PostfixPeer(dir, p, log, port);
        try {
            Peers.awaitPort(port, Duration.ofSeconds(60), p, log);
        } catch (AssertionError | IOException | InterruptedException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** The smtpd port. */
    public int port() {
        return port;
    }

    /** What Postfix logged so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the log contains {@code text}. */
    public String awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String l = log();
        while (!l.contains(text) && System.nanoTime() < end) {
            Thread.sleep(100);
            l = log();
        }
        if (!l.contains(text)) {
            throw new AssertionError("Postfix did not log \"" + text + "\":\n" + l);
        }
        return l;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Peers.run(List.of("postfix", "-c", dir.resolve("etc").toString(), "stop"), "", Duration.ofSeconds(30));
        } finally {
            Peers.stop(process);
            TestMta.delete(dir);
        }
    }
}
