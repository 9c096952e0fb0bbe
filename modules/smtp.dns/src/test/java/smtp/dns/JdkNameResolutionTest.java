package smtp.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.spi.InetAddressResolverProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import smtp.dns.testing.ScriptedDnsServer;

/**
 * dnsjava registers a {@link InetAddressResolverProvider}, and the JDK uses the first one it
 * finds for every {@link InetAddress} lookup. These tests pin down that it does not take over
 * the JDK's name resolution: unless {@code org.dnsjava.spi.enable=true}, dnsjava's provider
 * hands back the JDK's built-in resolver, so /etc/hosts, nsswitch and {@code localhost} behave
 * exactly as without dnsjava. (With {@code -Djdk.net.hosts.file} the JDK skips every provider.)
 */
class JdkNameResolutionTest {

    @Test
    void dnsjavasProviderIsTheOneTheJdkFinds() {
        InetAddressResolverProvider provider = ServiceLoader.load(InetAddressResolverProvider.class).findFirst()
                .orElseThrow(() -> new AssertionError("dnsjava's provider is expected on the class path"));
        assertEquals("dnsjava", provider.name());
        assertTrue(!Boolean.getBoolean("org.dnsjava.spi.enable"), "the build must not enable dnsjava's SPI");
        assertTrue(InetAddress.getLoopbackAddress().isLoopbackAddress());
    }

    @Test
    void theJdksOwnResolverStaysInChargeUnlessDnsjavasSpiIsEnabled() throws Exception {
        // dnsjava logs "Enabling dnsjava SPI" (INFO) when, and only when, it takes over resolution
        try (ScriptedDnsServer nothing = ScriptedDnsServer.answering(
                (q, tcp) -> Optional.of(ScriptedDnsServer.response(q, Rcode.NXDOMAIN)))) {
            String server = "-Ddns.server=127.0.0.1:" + nothing.address().getPort();
            String standard = probe(List.of(server), "localhost");
            assertTrue(!standard.contains("Enabling dnsjava SPI"), standard);
            assertTrue(standard.strip().endsWith("127.0.0.1") || standard.strip().endsWith("0:0:0:0:0:0:0:1"), standard);
            // control: the switch that would hand the JDK's resolution to dnsjava (never set it)
            String enabled = probe(List.of(server, "-Dorg.dnsjava.spi.enable=true"), "localhost");
            assertTrue(enabled.contains("Enabling dnsjava SPI"), enabled);
        }
    }

    static String probe(List<String> properties, String name) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(properties);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(JdkNameResolutionProbe.class.getName());
        cmd.add(name);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        return out;
    }
}
