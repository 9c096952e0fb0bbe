package smtp.dns.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import smtp.dns.DnsConfig;
import smtp.dns.Resolver;
import smtp.dns.Resolvers;

/**
 * A real authoritative DNS server, NSD (Debian package {@code nsd}), started on a free loopback
 * port (UDP and TCP) from zone files, with its configuration, pid, state and log files in a
 * temporary directory; {@link #close()} stops it (and a JVM shutdown hook does, should a test
 * forget). Skips the test when NSD is missing, and fails it in CI ({@link Interop}).
 *
 * <p>In the smtp.dns test-jar, for the tests of every module that needs real DNS:
 * <pre>{@code
 * // pom.xml: <dependency><groupId>org.smtpref</groupId><artifactId>smtp.dns</artifactId>
 * //           <type>test-jar</type><scope>test</scope></dependency>
 * static NsdServer nsd;
 *
 * @BeforeAll
 * static void startDns() throws IOException {
 *     nsd = NsdServer.builder()
 *             .zone("auth.test", """
 *                     @               MX  10 mx.auth.test.
 *                     mx              A   127.0.0.1
 *                     @               TXT "v=spf1 ip4:127.0.0.1 -all"
 *                     _dmarc          TXT "v=DMARC1; p=reject"
 *                     sel._domainkey  TXT ( "v=DKIM1; k=ed25519; "
 *                                           "p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=" )
 *                     """)                                 // SOA and NS are added when absent
 *             .zoneFile("other.test", Path.of("src/test/resources/other.test.zone"))
 *             .exampleZones()                              // smtp.dns's own example.test zones
 *             .failingZone("broken.test")                  // every query below it: SERVFAIL
 *             .start();
 * }
 *
 * @AfterAll
 * static void stopDns() {
 *     nsd.close();
 * }
 *
 * @Test
 * void something() {
 *     Resolver dns = nsd.resolver();       // smtp.dns's network resolver aimed at NSD, no cache
 *     int port = nsd.port();               // or nsd.address(), nsd.config() for your own DnsConfig
 * }
 * }</pre>
 *
 * <p>NSD is authoritative only: it answers for its zones, REFUSED for other names, and a
 * referral for a delegated name (which the resolver reports as a temporary failure). A zone
 * whose file fails to load is an {@link IllegalStateException} from {@link Builder#start()}
 * carrying NSD's log.
 */
public final class NsdServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path dir;
    private final InetSocketAddress address;
    private final Thread shutdownHook;

    private NsdServer(Process process, Path dir, InetSocketAddress address) {
        this.process = process;
        this.dir = dir;
        this.address = address;
        this.shutdownHook = new Thread(this::stop, "nsd-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder with no zones. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where NSD listens (127.0.0.1, UDP and TCP). */
    public InetSocketAddress address() {
        return address;
    }

    /** NSD's main process (for diagnostics; {@link #close()} stops it and its children). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The port NSD listens on. */
    public int port() {
        return address.getPort();
    }

    /** A configuration aimed at NSD only: 2 s timeout, 1 retry, no cache. */
    public DnsConfig config() {
        return new DnsConfig(List.of(address), Duration.ofSeconds(2), 1, 0);
    }

    /** smtp.dns's network resolver with {@link #config()}. */
    public Resolver resolver() {
        return Resolvers.create(config());
    }

    /** NSD's log so far, for failure messages. */
    public String log() {
        try {
            Path log = dir.resolve("nsd.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops NSD and its children and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy(); // SIGTERM: NSD stops its server and xfrd children
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // leave it for the OS's temporary-file cleanup
        }
    }

    /** Zones for one NSD; {@link #start()} runs it. */
    public static final class Builder {

        private final Map<String, String> zones = new LinkedHashMap<>(); // origin -> zone text
        private final List<String> failing = new ArrayList<>();

        private Builder() {
        }

        /**
         * A zone from text in master-file syntax (RFC 1035 §5), names relative to
         * {@code origin}; an SOA and an NS record are added when the text has none, and
         * {@code $ORIGIN}/{@code $TTL} (300 s) are set first.
         */
        public Builder zone(String origin, String text) {
            String o = origin(origin);
            StringBuilder z = new StringBuilder("$ORIGIN ").append(o).append(".\n$TTL 300\n");
            String upper = text.toUpperCase(Locale.ROOT);
            if (!upper.matches("(?s).*\\bSOA\\b.*")) {
                z.append("@ IN SOA ns.").append(o).append(". hostmaster.").append(o).append(". 1 3600 600 86400 60\n");
            }
            if (!upper.matches("(?s).*\\bNS\\b.*")) {
                z.append("@ IN NS ns.").append(o).append(".\n");
            }
            zones.put(o, z.append(text).append('\n').toString());
            return this;
        }

        /** A zone from a file, used as it is (it needs its own SOA and NS). */
        public Builder zoneFile(String origin, Path file) throws IOException {
            zones.put(origin(origin), Files.readString(file, StandardCharsets.UTF_8));
            return this;
        }

        /** A zone from a class-path resource, used as it is (it needs its own SOA and NS). */
        public Builder zoneResource(String origin, String resource) throws IOException {
            try (InputStream in = NsdServer.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no resource " + resource);
                }
                zones.put(origin(origin), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return this;
        }

        /**
         * smtp.dns's own test zones: {@code example.test} (MX preferences, implicit MX, null MX,
         * CNAME chains, SPF/DMARC text, a TXT record that needs TCP) and
         * {@code 2.0.192.in-addr.arpa} (PTR records); see
         * {@code src/test/resources/smtp/dns/zones/} in smtp.dns.
         */
        public Builder exampleZones() throws IOException {
            zoneResource("example.test", "/smtp/dns/zones/example.test.zone");
            return zoneResource("2.0.192.in-addr.arpa", "/smtp/dns/zones/2.0.192.in-addr.arpa.zone");
        }

        /** A zone configured without data: NSD answers SERVFAIL for every name in it. */
        public Builder failingZone(String origin) {
            failing.add(origin(origin));
            return this;
        }

        /** Starts NSD and waits until every zone is loaded and it answers. */
        public NsdServer start() throws IOException {
            Path nsd = Interop.requireExecutable("nsd");
            if (zones.isEmpty() && failing.isEmpty()) {
                throw new IllegalStateException("NSD needs at least one zone");
            }
            Path dir = Files.createTempDirectory("nsd-");
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = freePort();
                Process p = launch(nsd, dir, port);
                try {
                    return awaitReady(p, dir, port);
                } catch (PortTakenException e) {
                    last = e; // another process took the port between our check and NSD's bind
                }
            }
            deleteTree(dir);
            throw new IOException("NSD could not bind a loopback port", last);
        }

        private Process launch(Path nsd, Path dir, int port) throws IOException {
            StringBuilder conf = new StringBuilder();
            conf.append("server:\n")
                    .append("    ip-address: 127.0.0.1@").append(port).append('\n')
                    .append("    port: ").append(port).append('\n')
                    .append("    do-ip4: yes\n    do-ip6: no\n")
                    .append("    username: \"\"\n    chroot: \"\"\n")
                    .append("    zonesdir: \"").append(dir).append("\"\n")
                    .append("    database: \"\"\n")
                    .append("    pidfile: \"").append(dir.resolve("nsd.pid")).append("\"\n")
                    .append("    xfrdfile: \"").append(dir.resolve("xfrd.state")).append("\"\n")
                    .append("    xfrdir: \"").append(dir).append("\"\n")
                    .append("    zonelistfile: \"").append(dir.resolve("zone.list")).append("\"\n")
                    .append("    logfile: \"").append(dir.resolve("nsd.log")).append("\"\n")
                    .append("    server-count: 1\n    tcp-count: 32\n    verbosity: 1\n")
                    .append("    hide-version: yes\n    reuseport: no\n")
                    .append("remote-control:\n    control-enable: no\n");
            int n = 0;
            for (var z : zones.entrySet()) {
                String file = "zone" + (n++) + ".zone";
                Files.writeString(dir.resolve(file), z.getValue(), StandardCharsets.UTF_8);
                conf.append("zone:\n    name: \"").append(z.getKey()).append("\"\n    zonefile: \"").append(file).append("\"\n");
            }
            for (String f : failing) {
                conf.append("zone:\n    name: \"").append(f).append("\"\n    zonefile: \"absent-").append(f).append(".zone\"\n");
            }
            Path confFile = dir.resolve("nsd.conf");
            Files.writeString(confFile, conf, StandardCharsets.UTF_8);
            Files.deleteIfExists(dir.resolve("nsd.log"));
            return new ProcessBuilder(nsd.toString(), "-d", "-c", confFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nsd.out").toFile())
                    .start();
        }

        private NsdServer awaitReady(Process p, Path dir, int port) throws IOException {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            NsdServer server = new NsdServer(p, dir, address);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            String probe = zones.isEmpty() ? failing.get(0) : zones.keySet().iterator().next();
            while (true) {
                String log = server.log() + output(dir);
                if (!p.isAlive()) {
                    if (log.contains("already in use") || log.contains("can't bind")) {
                        server.closeKeepingDir();
                        throw new PortTakenException(log);
                    }
                    server.close();
                    throw new IllegalStateException("NSD exited with " + p.exitValue() + ":\n" + log);
                }
                // NSD logs "zone X read with success", or "zone X file F read with N errors".
                for (String z : zones.keySet()) {
                    if (log.matches("(?s).*zone " + java.util.regex.Pattern.quote(z) + " file \\S+ read with \\d+ errors.*")) {
                        server.close();
                        throw new IllegalStateException("NSD could not load zone " + z + ":\n" + log);
                    }
                }
                if (zones.keySet().stream().allMatch(z -> log.contains("zone " + z + " read with success"))
                        && answers(address, probe)) {
                    return server;
                }
                if (System.nanoTime() - deadline > 0) {
                    server.close();
                    throw new IllegalStateException("NSD did not answer within " + START_TIMEOUT + ":\n" + log);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    server.close();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting NSD", e);
                }
            }
        }

        private static String output(Path dir) {
            try {
                Path out = dir.resolve("nsd.out");
                return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "";
            }
        }

        private static boolean answers(InetSocketAddress address, String zone) {
            try {
                SimpleResolver r = new SimpleResolver(address);
                r.setTimeout(Duration.ofMillis(300));
                Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN)));
                return m.getRcode() == Rcode.NOERROR || m.getRcode() == Rcode.SERVFAIL;
            } catch (IOException e) {
                return false;
            }
        }

        private static int freePort() throws IOException {
            for (int i = 0; i < 20; i++) {
                try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    int port = udp.getLocalPort();
                    try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (IOException taken) {
                        // TCP port in use: try another
                    }
                }
            }
            throw new IOException("no loopback port free for both UDP and TCP");
        }

        private static String origin(String origin) {
            String o = origin.endsWith(".") ? origin.substring(0, origin.length() - 1) : origin;
            return o.toLowerCase(Locale.ROOT);
        }
    }

    /** Stops the process but keeps the directory (the builder reuses it for the next port). */
    private void closeKeepingDir() {
        process.destroyForcibly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // fine
        }
    }

    /** NSD could not bind the port we chose. */
    private static final class PortTakenException extends IOException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String log) {
            super("port taken: " + log);
        }
    }
}
