package smtp.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
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
}
