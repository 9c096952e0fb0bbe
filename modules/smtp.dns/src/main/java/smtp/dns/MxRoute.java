package smtp.dns;

import java.util.List;
import java.util.Objects;

/**
 * Where mail for a domain goes, RFC 5321 §5.1: the outcome of {@link MxResolver#route}.
 */
public sealed interface MxRoute permits MxRoute.Hosts, MxRoute.NullMx, MxRoute.NoSuchDomain,
        MxRoute.NoMailHosts, MxRoute.Loop, MxRoute.TempFail {

    /**
     * Hosts to try in this order: by preference, shuffled among equal preferences.
     *
     * @param hosts at least one host
     */
    record Hosts(List<MxHost> hosts) implements MxRoute {
        public Hosts {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("Hosts needs at least one host; use NoMailHosts");
            }
        }
    }

    /** RFC 7505 §3: the domain accepts no mail; a permanent failure, 5.1.10; never fall back to A. */
    record NullMx() implements MxRoute {
    }

    /** NXDOMAIN: the domain does not exist; a permanent failure (5.1.2). */
    record NoSuchDomain() implements MxRoute {
    }

    /** No MX and no A/AAAA records: nowhere to deliver; a permanent failure (5.1.2). */
    record NoMailHosts() implements MxRoute {
    }

    /**
     * RFC 5321 §5.1: this host is the best MX (or every MX of lower preference value is this
     * host) and nothing is left to try: a mail loop / misconfiguration (5.4.6).
     */
    record Loop() implements MxRoute {
    }

    /**
     * A temporary DNS failure: retry later (4.4.3); never a bounce.
     *
     * @param reason for logs and DSNs
     */
    record TempFail(String reason) implements MxRoute {
        public TempFail {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
