package smtp.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the network resolver reaches DNS.
 *
 * @param servers   the recursive (or authoritative, in tests) servers as host:port; empty =
 *                  the system's resolvers (/etc/resolv.conf)
 * @param timeout   per query attempt (default 5 s)
 * @param retries   further attempts per server after a timeout (default 2)
 * @param cacheSize the most answers cached, each kept for its TTL (default 10,000; 0 = no cache)
 */
public record DnsConfig(List<InetSocketAddress> servers, Duration timeout, int retries, int cacheSize) {

    /** The system's resolvers, 5 s timeout, 2 retries, 10,000 cached answers. */
    public static final DnsConfig DEFAULT = new DnsConfig(List.of(), Duration.ofSeconds(5), 2, 10_000);

    public DnsConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(timeout, "timeout");
        if (retries < 0 || cacheSize < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("retries, cacheSize >= 0 and timeout > 0");
        }
    }

    /** These servers, other settings default. */
    public static DnsConfig servers(List<InetSocketAddress> servers) {
        return new DnsConfig(servers, DEFAULT.timeout(), DEFAULT.retries(), DEFAULT.cacheSize());
    }

    /** This configuration with other servers. */
    public DnsConfig withServers(List<InetSocketAddress> servers) {
        return new DnsConfig(servers, timeout, retries, cacheSize);
    }

    /** This configuration with another timeout per attempt. */
    public DnsConfig withTimeout(Duration timeout) {
        return new DnsConfig(servers, timeout, retries, cacheSize);
    }

    /** This configuration with another number of retries. */
    public DnsConfig withRetries(int retries) {
        return new DnsConfig(servers, timeout, retries, cacheSize);
    }

    /** This configuration with another cache bound (0 = no cache). */
    public DnsConfig withCacheSize(int cacheSize) {
        return new DnsConfig(servers, timeout, retries, cacheSize);
    }

    /**
     * Parses an operator's server list: entries separated by commas or white space, each an IP
     * address with an optional port, {@code 192.0.2.53}, {@code 192.0.2.53:5353},
     * {@code 2001:db8::53}, {@code [2001:db8::53]:5353}; the port defaults to 53. Host names are
     * refused (finding a DNS server through DNS goes round in circles).
     *
     * @throws IllegalArgumentException naming the entry that is not an address
     */
    public static List<InetSocketAddress> parseServers(String list) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : list.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String host = entry;
            int port = 53;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0 || (close + 1 < entry.length() && entry.charAt(close + 1) != ':')) {
                    throw new IllegalArgumentException("not an address[:port]: " + entry);
                }
                host = entry.substring(1, close);
                port = close + 1 < entry.length() ? port(entry, entry.substring(close + 2)) : 53;
            } else if (entry.indexOf(':') == entry.lastIndexOf(':') && entry.indexOf(':') >= 0) {
                host = entry.substring(0, entry.indexOf(':')); // one colon: IPv4 address and port
                port = port(entry, entry.substring(entry.indexOf(':') + 1));
            }
            InetAddress address = smtp.dns.internal.DnsNames.ip(host)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address[:port]: " + entry));
            servers.add(new InetSocketAddress(address, port));
        }
        return List.copyOf(servers);
    }

    private static int port(String entry, String text) {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = digits ? Integer.parseInt(text) : 0;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port (1-65535) in " + entry);
        }
        return port;
    }
}
