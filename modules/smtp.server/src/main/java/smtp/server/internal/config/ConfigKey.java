package smtp.server.internal.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every key of the configuration file, with its default and a one-line description: the
 * source of {@code --help} and of the README's table. {@code dkim.key.<domain>} is the only
 * family of keys; every other key not listed here is refused (a typo must not silently keep a
 * default).
 */
public enum ConfigKey {
    SERVER_HOSTNAME("server.hostname", "localhost", "the server's name: greeting, EHLO reply, Received: by, authserv-id, DSNs; always a local domain"),
    LISTEN_SMTP("listen.smtp", "127.0.0.1:2525", "host:port of the SMTP (MTA-to-MTA) listener, STARTTLS offered, no AUTH; empty = off; port 0 = any free port"),
    LISTEN_SUBMISSION("listen.submission", "127.0.0.1:2587", "host:port of the submission listener: STARTTLS, then AUTH; empty = off"),
    LISTEN_SMTPS("listen.smtps", "127.0.0.1:2465", "host:port of the submission listener over implicit TLS (RFC 8314); empty = off"),
    DOMAINS_LOCAL("domains.local", "localhost", "comma list of domains delivered here (the hostname always is)"),
    MAILDIR_ROOT("maildir.root", "./var/mail", "directory with one Maildir per user (<root>/<user>/{tmp,new,cur})"),
    QUEUE_DIR("queue.dir", "./var/queue", "the spool directory"),
    USERS_FILE("users.file", "./var/users", "users, one per line: name:SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> (PBKDF2)"),
    DNS_SERVERS("dns.servers", "", "comma list of DNS servers as IP addresses, each with an optional :port (IPv6: [addr]:port; default port 53); empty = the system's resolvers"),
    DELIVERY_PORT("delivery.port", "25", "TCP port of remote MX hosts for outbound mail"),
    RELAY_HOST("relay.host", "", "smart host host:port that takes all outbound mail; empty = MX lookup"),
    RELAY_USERNAME("relay.username", "", "AUTH user name at the smart host (only over TLS; needs relay.host); empty = no AUTH"),
    RELAY_PASSWORD("relay.password", "", "AUTH password at the smart host"),
    RELAY_NETWORKS("relay.networks", "", "comma list of CIDR networks whose clients may relay without AUTH (also exempt from SPF/DMARC checks and the per-IP limit)"),
    TLS_CERT("tls.cert", "", "PEM certificate chain; empty = a self-signed certificate made at first start"),
    TLS_KEY("tls.key", "", "PEM private key of tls.cert (PKCS#8 or PKCS#1, unencrypted)"),
    TLS_SELFSIGNED_DIR("tls.selfsigned.dir", "./var/tls", "where the self-signed certificate and key are made and kept"),
    DKIM_SELECTOR("dkim.selector", "default", "the DKIM selector of dkim.key.<domain> entries that name none"),
    DKIM_KEY("dkim.key.<domain>", "", "comma list of PEM private keys (RSA, Ed25519) signing submitted mail whose From: is at <domain>; an entry may be selector=path; the TXT record to publish is logged at start"),
    SPF_ENFORCE("spf.enforce", "true", "SPF fail for MAIL FROM or HELO is refused with 550 5.7.23 (results are always recorded)"),
    DMARC_ENFORCE("dmarc.enforce", "false", "p=reject gets 550 5.7.1 and p=quarantine a marking header field"),
    LIMITS_MESSAGE_SIZE("limits.message.size", "25m", "maximum message size in octets (k, m, g suffixes: 1024-based)"),
    LIMITS_RECIPIENTS("limits.recipients", "1000", "maximum recipients per message (at least 100, RFC 5321 §4.5.3.1.8)"),
    LIMITS_CONNECTIONS("limits.connections", "1000", "maximum connections at once; beyond: 421 4.7.0"),
    LIMITS_CONNECTIONS_PER_IP("limits.connections.per.ip", "50", "maximum connections at once per client address (relay.networks exempt)"),
    LIMITS_ERRORS("limits.errors", "20", "protocol errors per session before 421 4.7.0; rejected recipients count against the same limit"),
    LIMITS_JUNK_COMMANDS("limits.junk.commands", "100", "NOOP, RSET, VRFY, EXPN and HELP per session (counted afresh after each accepted message) before 421 4.7.0"),
    LIMITS_AUTH_DELAY("limits.auth.delay", "1s", "pause before answering a failed AUTH, doubled per further failure from the same client address (IPv6: per /64), across connections (up to 16x)"),
    LIMITS_GREETING_DELAY("limits.greeting.delay", "500ms", "SMTP listener only: wait before the greeting; clients that talk first are refused"),
    TIMEOUT_COMMAND("timeout.command", "5m", "time to send a whole command line (RFC 5321 §4.5.3.2.7)"),
    TIMEOUT_DATA("timeout.data", "10m", "time to send a whole message after 354, or one BDAT chunk"),
    TIMEOUT_TLS("timeout.tls", "1m", "time to complete a whole TLS handshake (implicit TLS, or after STARTTLS)"),
    TIMEOUT_SESSION("timeout.session", "1h", "longest SMTP session; a transaction open then gets up to timeout.data more"),
    QUEUE_RETRY_INITIAL("queue.retry.initial", "5m", "first retry after a temporary failure"),
    QUEUE_RETRY_MAX("queue.retry.max", "2h", "longest interval between retries (exponential backoff up to it)"),
    QUEUE_LIFETIME("queue.lifetime", "5d", "how long a message may stay in the queue before it is returned"),
    SHUTDOWN_GRACE("shutdown.grace", "10s", "on SIGTERM, how long transactions in flight may finish before 421"),
    RECIPIENT_DELIMITER("recipient.delimiter", "+", "user<delimiter>tag@domain is delivered to user; empty = off"),
    POSTMASTER_MAILBOX("postmaster.mailbox", "postmaster", "the Maildir (user) that receives postmaster@ of every local domain");

    /** The prefix of the {@code dkim.key.<domain>} keys. */
    public static final String DKIM_KEY_PREFIX = "dkim.key.";

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key as written in the file. */
    public String key() {
        return key;
    }

    /** The default, as text. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What it does. */
    public String description() {
        return description;
    }

    /** The key named {@code name} (not the dkim.key family). */
    public static Optional<ConfigKey> of(String name) {
        return Arrays.stream(values()).filter(k -> k != DKIM_KEY && k.key.equals(name)).findFirst();
    }
}
