package smtp.auth.internal.spf;

import java.util.Objects;
import java.util.Optional;

/**
 * The eight mechanisms of RFC 7208 §5.
 *
 * <pre>
 * mechanism        = ( all / include / a / mx / ptr / ip4 / ip6 / exists )
 * all              = "all"
 * include          = "include"  ":" domain-spec
 * a                = "a"      [ ":" domain-spec ] [ dual-cidr-length ]
 * mx               = "mx"     [ ":" domain-spec ] [ dual-cidr-length ]
 * ptr              = "ptr"    [ ":" domain-spec ]
 * ip4              = "ip4"      ":" ip4-network   [ ip4-cidr-length ]
 * ip6              = "ip6"      ":" ip6-network   [ ip6-cidr-length ]
 * exists           = "exists"   ":" domain-spec
 * </pre>
 */
public sealed interface Mechanism {

    /** True for the mechanisms that count against the limit of 10 DNS-querying terms (§4.6.4). */
    default boolean queriesDns() {
        return switch (this) {
            case All a -> false;
            case Ip4 i -> false;
            case Ip6 i -> false;
            case Include i -> true;
            case A a -> true;
            case Mx m -> true;
            case Ptr p -> true;
            case Exists e -> true;
        };
    }

    /** §5.1: always matches. */
    record All() implements Mechanism {
        @Override
        public String toString() {
            return "all";
        }
    }

    /** §5.2: matches when check_host() of the target domain gives pass. */
    record Include(MacroString domain) implements Mechanism {
        public Include {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String toString() {
            return "include:" + domain;
        }
    }

    /** §5.3: matches when an A/AAAA address of the target is within the CIDR length of the client. */
    record A(Optional<MacroString> domain, int ip4Cidr, int ip6Cidr) implements Mechanism {
        public A {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String toString() {
            return "a" + domain.map(d -> ":" + d).orElse("") + cidrs(ip4Cidr, ip6Cidr);
        }
    }

    /** §5.4: like {@link A} but for the addresses of the target's MX hosts. */
    record Mx(Optional<MacroString> domain, int ip4Cidr, int ip6Cidr) implements Mechanism {
        public Mx {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String toString() {
            return "mx" + domain.map(d -> ":" + d).orElse("") + cidrs(ip4Cidr, ip6Cidr);
        }
    }

    /** §5.5 (use discouraged): matches a validated reverse name in the target domain. */
    record Ptr(Optional<MacroString> domain) implements Mechanism {
        public Ptr {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String toString() {
            return "ptr" + domain.map(d -> ":" + d).orElse("");
        }
    }

    /** §5.6: the client's IPv4 address is in the network. */
    record Ip4(byte[] network, int cidr) implements Mechanism {
        public Ip4 {
            network = network.clone();
        }

        @Override
        public byte[] network() {
            return network.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ip4 i && cidr == i.cidr && java.util.Arrays.equals(network, i.network);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(network) * 31 + cidr;
        }

        @Override
        public String toString() {
            return "ip4:" + IpLiterals.text(network) + (cidr == 32 ? "" : "/" + cidr);
        }
    }

    /** §5.6: the client's IPv6 address is in the network. */
    record Ip6(byte[] network, int cidr) implements Mechanism {
        public Ip6 {
            network = network.clone();
        }

        @Override
        public byte[] network() {
            return network.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ip6 i && cidr == i.cidr && java.util.Arrays.equals(network, i.network);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(network) * 31 + cidr;
        }

        @Override
        public String toString() {
            return "ip6:" + IpLiterals.text(network) + (cidr == 128 ? "" : "/" + cidr);
        }
    }

    /** §5.7: matches when the target has an A record. */
    record Exists(MacroString domain) implements Mechanism {
        public Exists {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public String toString() {
            return "exists:" + domain;
        }
    }

    private static String cidrs(int v4, int v6) {
        return (v4 == 32 ? "" : "/" + v4) + (v6 == 128 ? "" : "//" + v6);
    }
}
