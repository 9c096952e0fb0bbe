package smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.server.internal.config.ConfigKey;

/** The configuration keys: defaults, every value syntax, and errors that name the key. */
class SettingsTest {

    private static ServerSettings valid(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return assertInstanceOf(SettingsResult.Valid.class, Settings.parse(p, "t.properties")).settings();
    }

    private static List<SettingsProblem> invalid(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return assertInstanceOf(SettingsResult.Invalid.class, Settings.parse(p, "t.properties")).problems();
    }

    @Test
    void theEmbeddedDefaults() {
        ServerSettings s = Settings.defaults();
        assertEquals("localhost", s.hostname().name());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 2525)), s.smtpListener());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 2587)), s.submissionListener());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 2465)), s.smtpsListener());
        assertEquals(java.util.Set.of("localhost"), s.localDomains());
        assertEquals(Path.of("var/mail").toAbsolutePath(), s.maildirRoot());
        assertEquals(Path.of("var/queue").toAbsolutePath(), s.queueDir());
        assertEquals(Path.of("var/users").toAbsolutePath(), s.usersFile());
        assertEquals(25, s.deliveryPort());
        assertEquals(List.of(), s.dnsServers());
        assertEquals(List.of(), s.relayNetworks());
        assertEquals(Optional.empty(), s.relayHost());
        assertFalse(s.dmarcEnforce());
        assertTrue(s.spfEnforce());
        assertEquals(25L << 20, s.maxMessageSize());
        assertEquals(Duration.ofMinutes(5), s.commandTimeout());
        assertEquals(Duration.ofDays(5), s.queueLifetime());
        for (ConfigKey k : ConfigKey.values()) {
            assertFalse(k.description().isBlank(), k.key());
        }
    }

    @Test
    void everyKeyIsRead() {
        ServerSettings s = valid("server.hostname", "mx.example.org", "listen.smtp", "[::1]:25", "listen.submission", "",
                "listen.smtps", "0.0.0.0:465", "domains.local", "Example.org, example.net", "dns.servers", "192.0.2.53:5353",
                "delivery.port", "2525", "relay.host", "smarthost.example.net:587", "relay.username", "u",
                "relay.password", "p", "relay.networks", "192.0.2.0/24, 2001:db8::/32", "dkim.selector", "s2025",
                "dkim.key.example.org", "/k/rsa.pem, ed=/k/ed.pem", "dmarc.enforce", "TRUE", "spf.enforce", "false",
                "limits.message.size", "10m", "limits.recipients", "100", "limits.connections", "5",
                "limits.connections.per.ip", "2", "limits.errors", "3", "limits.auth.delay", "500ms",
                "limits.greeting.delay", "0s", "timeout.command", "30s", "timeout.data", "1h", "queue.retry.initial", "1m",
                "queue.retry.max", "1h", "queue.lifetime", "2d", "shutdown.grace", "5s", "recipient.delimiter", "-",
                "postmaster.mailbox", "admin");
        assertEquals(Optional.of(new HostPort("::1", 25)), s.smtpListener());
        assertEquals(Optional.empty(), s.submissionListener());
        assertEquals(java.util.Set.of("example.org", "example.net"), s.localDomains());
        assertTrue(s.isLocal(new smtp.wire.Domain("EXAMPLE.NET")) && s.isLocal(new smtp.wire.Domain("mx.example.org")));
        assertEquals(5353, s.dnsServers().get(0).getPort());
        assertEquals(2525, s.deliveryPort());
        assertEquals(Optional.of(new HostPort("smarthost.example.net", 587)), s.relayHost());
        assertEquals(2, s.relayNetworks().size());
        assertEquals(List.of(new DkimKeyFile("s2025", Path.of("/k/rsa.pem")), new DkimKeyFile("ed", Path.of("/k/ed.pem"))),
                s.dkimKeys().get("example.org"));
        assertTrue(s.dmarcEnforce());
        assertFalse(s.spfEnforce());
        assertEquals(10L << 20, s.maxMessageSize());
        assertEquals(Duration.ofMillis(500), s.authFailureDelay());
        assertEquals(Duration.ofHours(1), s.dataTimeout());
        assertEquals(Duration.ofDays(2), s.queueLifetime());
        assertEquals("-", s.recipientDelimiter());
        assertEquals("admin", s.postmasterMailbox());
    }

    @Test
    @Tag("5321-4.5.3.1.8-server")
    void everyProblemNamesItsKey() {
        List<SettingsProblem> p = invalid("listen.smtp", "localhost", "limits.recipients", "99", "queue.lifetime", "5 days",
                "delivery.port", "0", "relay.host", "smarthost", "tls.cert", "/c.pem", "dns.servers", "dns.example.net",
                "dkim.key.not_a_domain", "/k.pem", "recipient.delimiter", "@", "queue.retry.initial", "2h",
                "queue.retry.max", "1h", "smtp.listen", "127.0.0.1:25");
        List<String> keys = p.stream().map(SettingsProblem::key).toList();
        for (String k : List.of("listen.smtp", "limits.recipients", "queue.lifetime", "delivery.port", "relay.host",
                "tls.key", "dns.servers", "dkim.key.not_a_domain", "recipient.delimiter", "queue.retry.max", "smtp.listen")) {
            assertTrue(keys.contains(k), k + " not in " + p);
        }
        assertTrue(p.stream().allMatch(x -> x.source().equals("t.properties")));
        assertTrue(p.stream().filter(x -> x.key().equals("smtp.listen")).findFirst().orElseThrow().reason().contains("unknown key"));
    }

    @Test
    void relayCredentialsWithoutARelayHostAreRefused() {
        List<SettingsProblem> p = invalid("relay.username", "u", "relay.password", "p");
        assertEquals(List.of("relay.username"), p.stream().map(SettingsProblem::key).toList());
        assertTrue(p.get(0).reason().contains("relay.host"), p.toString());
    }

    @Test
    void parsingNeverThrows() {
        qt().withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 30), integers().between(0, ConfigKey.values().length - 1))
                .checkAssert((value, k) -> {
                    Properties p = new Properties();
                    String key = ConfigKey.values()[k].key().replace("<domain>", "example.org");
                    p.setProperty(key, value);
                    SettingsResult r;
                    try {
                        r = Settings.parse(p, "fuzz");
                    } catch (RuntimeException e) {
                        throw new AssertionError(key + " = " + value.codePoints().mapToObj(Integer::toHexString).toList() + ": " + e, e);
                    }
                    if (r instanceof SettingsResult.Invalid i) {
                        assertTrue(i.problems().stream().allMatch(x -> !x.reason().isBlank()));
                    }
                });
    }
}
