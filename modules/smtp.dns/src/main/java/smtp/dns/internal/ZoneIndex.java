package smtp.dns.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import smtp.dns.DnsResult;
import smtp.dns.RecordType;

/**
 * An immutable in-memory DNS name space that answers the way an authoritative server and a
 * recursive resolver together would: records, NXDOMAIN, NODATA (also for empty non-terminals),
 * wildcards, CNAME chains, and injected failures.
 *
 * <h2>Standards</h2>
 * RFC 1034 §3.6.2 and §4.3.2 (CNAME: an alias has no other data; the chain is followed),
 * RFC 2308 §2.1–§2.2 (NXDOMAIN versus NODATA), RFC 8020 (an empty non-terminal exists: NODATA,
 * not NXDOMAIN), RFC 4592 §3.3.1 (a wildcard {@code *.<closest encloser>} answers only for names
 * that do not exist), RFC 2181 §5 (an RRset holds no duplicate records).
 *
 * <h2>Diagnostics</h2>
 * {@link Builder#build()} throws {@link IllegalArgumentException} for data that no DNS server
 * would load (a CNAME beside other data, two CNAMEs at one name). A CNAME chain longer than
 * {@link #MAX_CNAME_CHAIN} links, or a loop, answers {@link DnsResult.TempFail}, as a recursive
 * resolver's SERVFAIL would.
 */
public final class ZoneIndex {

    /** The most CNAME links followed for one query (RFC 1034 §5.3.3 asks for a bound). */
    public static final int MAX_CNAME_CHAIN = 8;

    private static final RecordType[] TYPES = RecordType.values();

    /** One owner name: its records per type, its alias, its injected failures. */
    private record Node(String owner, List<?>[] records, String cname, String failAll,
            Map<RecordType, String> failures, boolean authenticated) {

        List<?> of(RecordType type) {
            return records[type.ordinal()];
        }

        Optional<String> failure(RecordType type) {
            return Optional.ofNullable(failAll != null ? failAll : failures.get(type));
        }

        boolean isWildcard() {
            return owner.startsWith("*.");
        }
    }

    /** Stands for the root when no loaded name encloses a name: no records, nothing authenticated. */
    private static final Node ROOT = new Node("", noRecords(), null, null, Map.of(), false);

    private final Map<String, Node> nodes;

    private ZoneIndex(Map<String, Node> nodes) {
        this.nodes = nodes;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The answer for {@code name} (already canonical, see {@link DnsNames#canonical}) and
     * {@code type}. Element types: {@link InetAddress} for A/AAAA, {@code smtp.dns.MxRecord} for MX,
     * {@link String} for TXT, PTR and CNAME.
     */
    public DnsResult<Object> lookup(String name, RecordType type) {
        String current = name;
        boolean authenticated = true;
        for (int link = 0; ; link++) {
            Optional<Node> found = find(current);
            if (found.isEmpty()) {
                // RFC 6604 §3: with a CNAME chain the RCODE describes the last name in it.
                // RFC 4035 §5.4: the denial is as authenticated as the closest encloser's zone data.
                return new DnsResult.NxDomain<>(authenticated && closestEncloser(current).authenticated());
            }
            Node node = found.get();
            Optional<String> failure = node.failure(type);
            if (failure.isPresent()) {
                return new DnsResult.TempFail<>(failure.get());
            }
            authenticated &= node.authenticated();
            List<?> records = node.of(type);
            if (!records.isEmpty()) {
                return new DnsResult.Records<>(ownedBy(records, current, node, type), authenticated);
            }
            if (node.cname() == null || type == RecordType.CNAME) {
                return new DnsResult.NoData<>(authenticated);
            }
            if (link == MAX_CNAME_CHAIN) {
                return new DnsResult.TempFail<>("CNAME chain from " + name + " longer than "
                        + MAX_CNAME_CHAIN + " links (or a loop)");
            }
            current = node.cname(); // RFC 1034 §3.6.2: restart the query at the canonical name
        }
    }

    /** An empty list of records for every type. */
    private static List<?>[] noRecords() {
        List<?>[] none = new List<?>[TYPES.length];
        java.util.Arrays.fill(none, List.of());
        return none;
    }

    /** The node answering for {@code name}: its own, or a wildcard's (RFC 4592 §3.3.1), or none. */
    private Optional<Node> find(String name) {
        Node exact = nodes.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        // Only *.<closest encloser> applies.
        return ancestor(name).flatMap(encloser -> Optional.ofNullable(nodes.get("*." + encloser.owner())));
    }

    /**
     * The closest encloser of a name that does not exist (RFC 4592 §3.3.1): its longest existing
     * ancestor; a name below no loaded name has the root, which is not authenticated.
     */
    private Node closestEncloser(String name) {
        return ancestor(name).orElse(ROOT);
    }

    /** The longest existing proper ancestor of {@code name}, if any. */
    private Optional<Node> ancestor(String name) {
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            Node ancestor = nodes.get(name.substring(dot + 1));
            if (ancestor != null) {
                return Optional.of(ancestor);
            }
        }
        return Optional.empty();
    }

    /** Addresses carry their owner name; a wildcard's synthesized records are owned by the query name. */
    @SuppressWarnings("unchecked") // a read-only view: any list is a list of Objects
    private static List<Object> ownedBy(List<?> records, String queried, Node node, RecordType type) {
        if (!node.isWildcard() || (type != RecordType.A && type != RecordType.AAAA)) {
            return (List<Object>) records;
        }
        List<Object> renamed = new ArrayList<>(records.size());
        for (Object r : records) {
            renamed.add(DnsNames.withHost((InetAddress) r, queried));
        }
        return renamed;
    }

    /** Collects records; not thread-safe. */
    public static final class Builder {

        private final Map<String, EnumMap<RecordType, Set<Object>>> data = new HashMap<>();
        private final Map<String, String> failAll = new HashMap<>();
        private final Map<String, EnumMap<RecordType, String>> failures = new HashMap<>();
        private final Set<String> authenticated = new java.util.HashSet<>();

        private Builder() {
        }

        /** Adds one record; the value's class must match the type (see {@link ZoneIndex#lookup}). */
        public Builder add(String name, RecordType type, Object value) {
            Objects.requireNonNull(value, "value");
            String owner = canonical(name);
            Object v = switch (type) {
                case A, AAAA -> DnsNames.withHost((InetAddress) value, owner);
                case CNAME, PTR -> canonical((String) value);
                case MX, TXT -> value;
            };
            data.computeIfAbsent(owner, k -> new EnumMap<>(RecordType.class))
                    .computeIfAbsent(type, k -> new LinkedHashSet<>()).add(v);
            return this;
        }

        /** Makes {@code name} exist without records of any type we serve (NODATA for all). */
        public Builder exists(String name) {
            data.computeIfAbsent(canonical(name), k -> new EnumMap<>(RecordType.class));
            return this;
        }

        /** Every query of {@code name} fails temporarily, or only those of {@code type}. */
        public Builder fail(String name, RecordType type, String reason) {
            String owner = canonical(name);
            exists(owner);
            if (type == null) {
                failAll.put(owner, reason);
            } else {
                failures.computeIfAbsent(owner, k -> new EnumMap<>(RecordType.class)).put(type, reason);
            }
            return this;
        }

        /**
         * Answers about {@code name} carry the AD bit (RFC 4035 §3.2.3): its records, its NODATA,
         * and the NXDOMAIN of names below it that do not exist (as in a signed zone, whose
         * NSEC/NSEC3 records prove their absence, RFC 4035 §5.4).
         */
        public Builder authenticated(String name) {
            String owner = canonical(name);
            exists(owner);
            authenticated.add(owner);
            return this;
        }

        /** The immutable index. */
        public ZoneIndex build() {
            Map<String, Node> nodes = new HashMap<>();
            for (var e : data.entrySet()) {
                String owner = e.getKey();
                List<?>[] records = new List<?>[TYPES.length];
                String cname = null;
                for (RecordType t : TYPES) {
                    Set<Object> set = e.getValue().get(t);
                    records[t.ordinal()] = set == null ? List.of() : List.copyOf(set);
                }
                List<?> cnames = records[RecordType.CNAME.ordinal()];
                if (!cnames.isEmpty()) {
                    // RFC 2181 §10.1: "there may be only one such canonical name for any one alias".
                    if (cnames.size() > 1) {
                        throw new IllegalArgumentException(owner + " has " + cnames.size() + " CNAME records");
                    }
                    // RFC 1034 §3.6.2: "If a CNAME RR is present at a node, no other data should be present".
                    for (RecordType t : TYPES) {
                        if (t != RecordType.CNAME && !records[t.ordinal()].isEmpty()) {
                            throw new IllegalArgumentException(owner + " has a CNAME and " + t + " records");
                        }
                    }
                    cname = (String) cnames.get(0);
                }
                nodes.put(owner, new Node(owner, records, cname, failAll.get(owner),
                        Map.copyOf(failures.getOrDefault(owner, new EnumMap<>(RecordType.class))),
                        authenticated.contains(owner)));
            }
            // RFC 8020: every ancestor of a name that exists exists too (an empty non-terminal).
            List<String> owners = new ArrayList<>(nodes.keySet());
            List<?>[] none = noRecords();
            for (String owner : owners) {
                for (int dot = owner.indexOf('.'); dot >= 0; dot = owner.indexOf('.', dot + 1)) {
                    String ancestor = owner.substring(dot + 1);
                    nodes.putIfAbsent(ancestor, new Node(ancestor, none, null, null, Map.of(), false));
                }
            }
            return new ZoneIndex(Map.copyOf(nodes));
        }

        private static String canonical(String name) {
            return DnsNames.canonical(name)
                    .orElseThrow(() -> new IllegalArgumentException("not a valid domain name: " + name));
        }
    }
}
