package smtp.server.internal.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import smtp.dns.DnsConfig;
import smtp.server.DkimKeyFile;
import smtp.server.HostPort;
import smtp.server.Network;
import smtp.server.ServerSettings;
import smtp.server.SettingsProblem;
import smtp.server.SettingsResult;
import smtp.server.internal.users.Users;
import smtp.wire.Domain;
import smtp.wire.ParseResult;

/**
 * Turns properties into {@link ServerSettings}: each {@link ConfigKey} is read (or defaulted)
 * and checked, every problem is collected with its key, and unknown keys are refused.
 */
public final class SettingsParser {

    private final Properties properties;
    private final String source;
    private final List<SettingsProblem> problems = new ArrayList<>();

    public SettingsParser(Properties properties, String source) {
        this.properties = properties;
        this.source = source;
    }

    public SettingsResult parse() {
        for (String name : properties.stringPropertyNames()) {
            if (ConfigKey.of(name).isEmpty() && !name.startsWith(ConfigKey.DKIM_KEY_PREFIX)) {
                problem(name, "unknown key (see --help for the keys)");
            }
        }
        Domain hostname = get(ConfigKey.SERVER_HOSTNAME, SettingsParser::domain, "a domain name").orElse(new Domain("localhost"));
        Optional<HostPort> smtp = listener(ConfigKey.LISTEN_SMTP);
        Optional<HostPort> submission = listener(ConfigKey.LISTEN_SUBMISSION);
        Optional<HostPort> smtps = listener(ConfigKey.LISTEN_SMTPS);
        Set<String> domains = new LinkedHashSet<>();
        for (String d : list(ConfigKey.DOMAINS_LOCAL)) {
            domain(d).ifPresentOrElse(x -> domains.add(x.canonical()),
                    () -> problem(ConfigKey.DOMAINS_LOCAL.key(), "not a domain name: \"" + d + "\""));
        }
        Path maildir = path(ConfigKey.MAILDIR_ROOT);
        Path queue = path(ConfigKey.QUEUE_DIR);
        Path users = path(ConfigKey.USERS_FILE);
        List<InetSocketAddress> dns = List.of();
        try {
            dns = DnsConfig.parseServers(text(ConfigKey.DNS_SERVERS));
        } catch (IllegalArgumentException e) {
            problem(ConfigKey.DNS_SERVERS.key(), e.getMessage() + " (expected IP[:port] entries)");
        }
        int deliveryPort = get(ConfigKey.DELIVERY_PORT, t -> Values.integer(t, 1, 65535), "a port 1-65535").orElse(25);
        Optional<HostPort> relay = optional(ConfigKey.RELAY_HOST, HostPort::parse, "host:port");
        Optional<String> relayUser = optional(ConfigKey.RELAY_USERNAME, Optional::of, "a user name");
        String relayPassword = text(ConfigKey.RELAY_PASSWORD);
        if (relayUser.isPresent() && text(ConfigKey.RELAY_HOST).isBlank()) {
            // The queue authenticates only at the smart host, never at the MX hosts of recipients.
            problem(ConfigKey.RELAY_USERNAME.key(), "AUTH credentials are for the smart host: set relay.host too");
        }
        List<Network> networks = new ArrayList<>();
        for (String n : list(ConfigKey.RELAY_NETWORKS)) {
            Network.parse(n).ifPresentOrElse(networks::add,
                    () -> problem(ConfigKey.RELAY_NETWORKS.key(), "not a CIDR network (address/prefix): \"" + n + "\""));
        }
        Optional<Path> cert = optional(ConfigKey.TLS_CERT, SettingsParser::file, "a file name");
        Optional<Path> key = optional(ConfigKey.TLS_KEY, SettingsParser::file, "a file name");
        if (cert.isPresent() != key.isPresent()) {
            problem(cert.isPresent() ? ConfigKey.TLS_KEY.key() : ConfigKey.TLS_CERT.key(),
                    "tls.cert and tls.key must be given together");
        }
        Path selfSigned = path(ConfigKey.TLS_SELFSIGNED_DIR);
        String selector = text(ConfigKey.DKIM_SELECTOR);
        Map<String, List<DkimKeyFile>> dkim = dkimKeys(selector.isEmpty() ? "default" : selector);
        boolean spf = get(ConfigKey.SPF_ENFORCE, Values::bool, "true or false").orElse(true);
        boolean dmarc = get(ConfigKey.DMARC_ENFORCE, Values::bool, "true or false").orElse(false);
        long size = get(ConfigKey.LIMITS_MESSAGE_SIZE, t -> Values.size(t).filter(n -> n >= 1024 && n <= (1L << 40)),
                "a size in octets (>= 1k), e.g. 26214400 or 25m").orElse(25L << 20);
        // RFC 5321 §4.5.3.1.8: "The minimum total number of recipients that MUST be buffered is 100".
        int recipients = get(ConfigKey.LIMITS_RECIPIENTS, t -> Values.integer(t, 100, 1_000_000),
                "a number >= 100 (RFC 5321 §4.5.3.1.8)").orElse(1000);
        int connections = get(ConfigKey.LIMITS_CONNECTIONS, t -> Values.integer(t, 1, 10_000_000), "a number >= 1").orElse(1000);
        int perIp = get(ConfigKey.LIMITS_CONNECTIONS_PER_IP, t -> Values.integer(t, 1, 10_000_000), "a number >= 1").orElse(50);
        int errors = get(ConfigKey.LIMITS_ERRORS, t -> Values.integer(t, 1, 1000), "a number 1-1000").orElse(20);
        int junk = get(ConfigKey.LIMITS_JUNK_COMMANDS, t -> Values.integer(t, 1, 1_000_000), "a number >= 1").orElse(100);
        Duration authDelay = duration(ConfigKey.LIMITS_AUTH_DELAY, Duration.ZERO, Duration.ofMinutes(1));
        Duration greetingDelay = duration(ConfigKey.LIMITS_GREETING_DELAY, Duration.ZERO, Duration.ofMinutes(5));
        Duration command = duration(ConfigKey.TIMEOUT_COMMAND, Duration.ofSeconds(1), Duration.ofHours(1));
        Duration data = duration(ConfigKey.TIMEOUT_DATA, Duration.ofSeconds(1), Duration.ofHours(24));
        Duration tls = duration(ConfigKey.TIMEOUT_TLS, Duration.ofSeconds(1), Duration.ofHours(1));
        Duration sessionLimit = duration(ConfigKey.TIMEOUT_SESSION, Duration.ofSeconds(1), Duration.ofDays(7));
        Duration retryInitial = duration(ConfigKey.QUEUE_RETRY_INITIAL, Duration.ofSeconds(1), Duration.ofDays(30));
        Duration retryMax = duration(ConfigKey.QUEUE_RETRY_MAX, Duration.ofSeconds(1), Duration.ofDays(30));
        if (retryMax.compareTo(retryInitial) < 0) {
            problem(ConfigKey.QUEUE_RETRY_MAX.key(), "must not be shorter than queue.retry.initial (" + retryInitial + ")");
            retryMax = retryInitial;
        }
        Duration lifetime = duration(ConfigKey.QUEUE_LIFETIME, Duration.ofSeconds(1), Duration.ofDays(365));
        Duration grace = duration(ConfigKey.SHUTDOWN_GRACE, Duration.ZERO, Duration.ofHours(1));
        String delimiter = text(ConfigKey.RECIPIENT_DELIMITER);
        if (delimiter.length() > 1 || (delimiter.length() == 1 && "@%!\".".contains(delimiter))) {
            problem(ConfigKey.RECIPIENT_DELIMITER.key(), "one character (not @ % ! \" .), or empty: \"" + delimiter + "\"");
            delimiter = "+";
        }
        String postmaster = text(ConfigKey.POSTMASTER_MAILBOX).toLowerCase(java.util.Locale.ROOT);
        if (!Users.isValidName(postmaster)) {
            problem(ConfigKey.POSTMASTER_MAILBOX.key(), "not a mailbox name: \"" + postmaster + "\"");
            postmaster = "postmaster";
        }
        if (!problems.isEmpty()) {
            return new SettingsResult.Invalid(problems);
        }
        return new SettingsResult.Valid(new ServerSettings(source, hostname, smtp, submission, smtps, domains, maildir,
                queue, users, dns, deliveryPort, relay, relayUser, relayPassword, networks, cert, key, selfSigned, dkim,
                spf, dmarc, size, recipients, connections, perIp, errors, junk, authDelay, greetingDelay, command, data, tls, sessionLimit,
                retryInitial, retryMax, lifetime, grace, delimiter, postmaster));
    }

    private Map<String, List<DkimKeyFile>> dkimKeys(String selector) {
        Map<String, List<DkimKeyFile>> keys = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith(ConfigKey.DKIM_KEY_PREFIX)) {
                continue;
            }
            Optional<Domain> d = domain(name.substring(ConfigKey.DKIM_KEY_PREFIX.length()));
            if (d.isEmpty()) {
                problem(name, "the key must end with a domain name");
                continue;
            }
            List<DkimKeyFile> files = new ArrayList<>();
            for (String entry : split(properties.getProperty(name))) {
                int eq = entry.indexOf('=');
                String sel = eq < 0 ? selector : entry.substring(0, eq).strip();
                String file = eq < 0 ? entry : entry.substring(eq + 1).strip();
                try {
                    files.add(new DkimKeyFile(sel, file(file).orElseThrow(() -> new IllegalArgumentException(
                            "not a file name: \"" + file + "\""))));
                } catch (IllegalArgumentException e) {
                    problem(name, e.getMessage());
                }
            }
            if (files.isEmpty()) {
                problem(name, "no key file given");
            }
            keys.put(d.get().canonical(), files);
        }
        return keys;
    }

    private Optional<HostPort> listener(ConfigKey key) {
        return optional(key, HostPort::parse, "host:port (port 0 = any free port), or empty for off");
    }

    private <T> Optional<T> get(ConfigKey key, Function<String, Optional<T>> parser, String expected) {
        String value = text(key);
        Optional<T> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            problem(key.key(), "expected " + expected + ", got \"" + value + "\"");
        }
        return parsed;
    }

    private <T> Optional<T> optional(ConfigKey key, Function<String, Optional<T>> parser, String expected) {
        return text(key).isEmpty() ? Optional.empty() : get(key, parser, expected);
    }

    private Duration duration(ConfigKey key, Duration min, Duration max) {
        Optional<Duration> d = get(key, Values::duration, "a duration: a number with ms, s, m, h or d");
        if (d.isPresent() && (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0)) {
            problem(key.key(), "must be between " + min + " and " + max + ", got \"" + text(key) + "\"");
            return min;
        }
        return d.orElse(Values.duration(key.defaultValue()).orElseThrow());
    }

    private Path path(ConfigKey key) {
        String t = text(key);
        Optional<Path> p = file(t);
        if (t.isEmpty() || p.isEmpty()) {
            problem(key.key(), t.isEmpty() ? "a path is required" : "not a valid path: \"" + t + "\"");
            return absolute(key.defaultValue());
        }
        return p.get();
    }

    /** A path from the file, made absolute; empty when the text cannot be a path (a NUL, say). */
    private static Optional<Path> file(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(absolute(text));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private List<String> list(ConfigKey key) {
        return split(text(key));
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private String text(ConfigKey key) {
        return properties.getProperty(key.key(), key.defaultValue()).strip();
    }

    private static Path absolute(String text) {
        return Path.of(text).toAbsolutePath().normalize();
    }

    private static Optional<Domain> domain(String text) {
        return Domain.parse(text.strip()) instanceof ParseResult.Ok<Domain> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    private void problem(String key, String reason) {
        problems.add(new SettingsProblem(source, key, reason));
    }
}
