package smtp.auth;

import java.net.InetAddress;
import java.util.Objects;
import smtp.auth.internal.spf.CheckHost;
import smtp.dns.Resolver;

/**
 * Sender Policy Framework checks for an SMTP server: the HELO identity at HELO/EHLO and the
 * MAIL FROM identity at MAIL, each through RFC 7208's {@code check_host()} function.
 *
 * <p>Thread-safe; one instance serves every connection. Each check makes its own DNS queries
 * through the {@link Resolver} (which caches), within the limits of {@link SpfConfig}.
 *
 * <h2>Standards</h2>
 * RFC 7208 §2.3 and §2.4 (identities), §4 (check_host), §5 (mechanisms), §6 (modifiers),
 * §7 (macros), §4.6.4 (limits).
 *
 * <h2>Diagnostics</h2>
 * Never throws for any DNS answer or record: problems are {@link SpfResult#TEMPERROR} or
 * {@link SpfResult#PERMERROR}, with {@link SpfOutcome#reason()} saying why.
 */
public final class SpfVerifier {

    private final Resolver resolver;
    private final SpfConfig config;

    public SpfVerifier(Resolver resolver, SpfConfig config) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A verifier with the RFC defaults ({@link SpfConfig#defaults()}). */
    public SpfVerifier(Resolver resolver) {
        this(resolver, SpfConfig.defaults());
    }

    /**
     * The MAIL FROM check, RFC 7208 §2.4: {@code check_host(ip, domain of reversePath,
     * reversePath)}; when the reverse-path is null ({@code MAIL FROM:<>}) the sender is
     * {@code postmaster@<helo>} and the HELO domain is checked.
     *
     * @param client      the SMTP client's address
     * @param reversePath the MAIL FROM address without angle brackets, "" for the null path
     * @param helo        the HELO/EHLO argument
     */
    public SpfOutcome checkMailFrom(InetAddress client, String reversePath, String helo) {
        Objects.requireNonNull(reversePath, "reversePath");
        Objects.requireNonNull(helo, "helo");
        if (reversePath.isEmpty()) {
            // RFC 7208 §2.4: "When the reverse-path is null, this document defines the "MAIL FROM"
            // identity to be the mailbox composed of the local-part "postmaster" and the "HELO" identity"
            return checkHost(SpfIdentity.MAILFROM, client, helo, "postmaster@" + helo, helo);
        }
        int at = reversePath.lastIndexOf('@');
        String domain = at < 0 ? reversePath : reversePath.substring(at + 1);
        return checkHost(SpfIdentity.MAILFROM, client, domain, reversePath, helo);
    }

    /**
     * The HELO check, RFC 7208 §2.3: {@code check_host(ip, helo, postmaster@helo)}. A HELO that
     * is an address literal or a single label gives {@link SpfResult#NONE} (§4.3).
     */
    public SpfOutcome checkHelo(InetAddress client, String helo) {
        Objects.requireNonNull(helo, "helo");
        return checkHost(SpfIdentity.HELO, client, helo, "postmaster@" + helo, helo);
    }

    /**
     * The bare {@code check_host(<ip>, <domain>, <sender>)} function of RFC 7208 §4.
     *
     * @param identity which identity this check stands for (recorded in the outcome)
     * @param client   {@code <ip>}
     * @param domain   {@code <domain>}
     * @param sender   {@code <sender>}: local-part@domain (a missing local-part becomes "postmaster")
     * @param helo     the HELO/EHLO domain, for the {@code %{h}} macro
     */
    public SpfOutcome checkHost(SpfIdentity identity, InetAddress client, String domain, String sender, String helo) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(helo, "helo");
        return CheckHost.run(resolver, config, identity, client, domain, sender, helo);
    }

    /** The configuration in force. */
    public SpfConfig config() {
        return config;
    }
}
