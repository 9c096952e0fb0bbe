package smtp.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import smtp.dns.internal.DnsNames;
import smtp.dns.internal.ZoneFiles;
import smtp.dns.internal.ZoneIndex;

/**
 * A {@link Resolver} that answers from records held in memory: for unit tests, conformance
 * suites (e.g. the RFC 7208 SPF tests with their own zone data) and benchmarks. Immutable,
 * thread-safe, and no slower than a hash lookup per query.
 *
 * <pre>{@code
 * Resolver dns = InMemoryResolver.builder()
 *         .mx("example.com", 10, "mx1.example.com")
 *         .mx("example.com", 20, "mx2.example.com")
 *         .a("mx1.example.com", "192.0.2.1")
 *         .aaaa("mx1.example.com", "2001:db8::1")
 *         .txt("example.com", "v=spf1 mx -all")
 *         .txt("sel._domainkey.example.com", List.of("v=DKIM1; k=rsa; p=MIIB", "IjANBgkq..."))
 *         .ptr("192.0.2.1", "mx1.example.com")
 *         .cname("www.example.com", "example.com")
 *         .nullMx("nomail.example.org")
 *         .timeout("slow.example.net")                  // every type: TempFail("timeout")
 *         .servfail("broken.example.net", RecordType.TXT) // only TXT: TempFail("SERVFAIL")
 *         .zone("""
 *               $ORIGIN example.net.
 *               @      MX  0 .
 *               _dmarc TXT "v=DMARC1; p=reject"
 *               """, "example.net")
 *         .build();
 * Resolver fromFile = InMemoryResolver.fromZoneFile(Path.of("src/test/resources/example.zone"), "example.com");
 * }</pre>
 *
 * <h2>Standards</h2>
 * Answers as a recursive resolver would give them: records; NXDOMAIN for a name that does not
 * exist; NODATA (RFC 2308 §2.2) for a name that exists without records of the type, including
 * an empty non-terminal (RFC 8020: {@code example.com} exists when only
 * {@code _dmarc.example.com} has records); wildcards (RFC 4592: {@code *.example.com} answers
 * for names below {@code example.com} that do not exist); CNAME chains followed (RFC 1034
 * §3.6.2) for at most 8 links, a loop or a longer chain being a temporary failure; TXT
 * character-strings concatenated (RFC 7208 §3.3). Zone files are read by dnsjava's master-file
 * parser (RFC 1035 §5). Not modelled: delegations (NS records below an apex are just data, names
 * below them answer from what was given) and DNAME.
 *
 * <h2>Diagnostics</h2>
 * Builder methods throw {@link IllegalArgumentException} for an invalid name or address and
 * {@link #build()} for data no DNS server would load (a CNAME beside other data). Queries never
 * throw: an impossible name answers NXDOMAIN. {@link #queryCount()} counts every lookup call
 * (one per {@code mx/txt/a/aaaa/ptr}, CNAME links included in it).
 */
public final class InMemoryResolver implements Resolver {

    private final ZoneIndex index;
    private final LongAdder queries = new LongAdder();

    private InMemoryResolver(ZoneIndex index) {
        this.index = index;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A resolver serving one zone file (RFC 1035 §5 syntax; relative names are below {@code origin}). */
    public static InMemoryResolver fromZoneFile(Path zoneFile, String origin) throws IOException {
        return builder().zoneFile(zoneFile, origin).build();
    }

    /** A resolver serving zone text (RFC 1035 §5 syntax; relative names are below {@code origin}). */
    public static InMemoryResolver fromZone(String zoneText, String origin) {
        return builder().zone(zoneText, origin).build();
    }

    @Override
    public DnsResult<MxRecord> mx(String domain) {
        return lookup(domain, RecordType.MX);
    }

    @Override
    public DnsResult<String> txt(String domain) {
        return lookup(domain, RecordType.TXT);
    }

    @Override
    public DnsResult<InetAddress> a(String domain) {
        return lookup(domain, RecordType.A);
    }

    @Override
    public DnsResult<InetAddress> aaaa(String domain) {
        return lookup(domain, RecordType.AAAA);
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return lookup(DnsNames.reverse(address), RecordType.PTR);
    }

    @Override
    public long queryCount() {
        return queries.sum();
    }

    @SuppressWarnings("unchecked") // the index stores each type's values as that type's element class
    private <T> DnsResult<T> lookup(String name, RecordType type) {
        queries.increment();
        Optional<String> canonical = DnsNames.canonical(name);
        if (canonical.isEmpty()) {
            return new DnsResult.NxDomain<>(false); // no such name can exist in the DNS (nothing validated)
        }
        return (DnsResult<T>) (DnsResult<?>) index.lookup(canonical.get(), type);
    }

    /** Collects records for an {@link InMemoryResolver}; not thread-safe, use it once. */
    public static final class Builder {

        private final ZoneIndex.Builder index = ZoneIndex.builder();

        private Builder() {
        }

        /** A records of {@code name}, each address in dotted-quad form. */
        public Builder a(String name, String... addresses) {
            for (String a : addresses) {
                index.add(name, RecordType.A, DnsNames.ipv4(a)
                        .orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + a)));
            }
            return this;
        }

        /** AAAA records of {@code name}, each address in RFC 4291 §2.2 form. */
        public Builder aaaa(String name, String... addresses) {
            for (String a : addresses) {
                index.add(name, RecordType.AAAA, DnsNames.ipv6(a)
                        .orElseThrow(() -> new IllegalArgumentException("not an IPv6 address: " + a)));
            }
            return this;
        }

        /** One MX record; {@code exchange} "." is the root (see {@link #nullMx}). */
        public Builder mx(String name, int preference, String exchange) {
            String target = DnsNames.canonical(exchange)
                    .orElseThrow(() -> new IllegalArgumentException("not a valid exchange: " + exchange));
            index.add(name, RecordType.MX, new MxRecord(preference, target));
            return this;
        }

        /** RFC 7505 §3: the single record {@code MX 0 .} ("this domain accepts no mail"). */
        public Builder nullMx(String name) {
            return mx(name, 0, ".");
        }

        /** One TXT record holding one character-string (any length: no 255-octet split needed here). */
        public Builder txt(String name, String text) {
            index.add(name, RecordType.TXT, Objects.requireNonNull(text, "text"));
            return this;
        }

        /** One TXT record of several character-strings, which lookups concatenate (RFC 7208 §3.3). */
        public Builder txt(String name, List<String> strings) {
            return txt(name, String.join("", strings));
        }

        /** A PTR record for {@code address} (IPv4 or IPv6 text), pointing at {@code name}. */
        public Builder ptr(String address, String name) {
            InetAddress ip = DnsNames.ip(address)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address));
            index.add(DnsNames.reverse(ip), RecordType.PTR, name);
            return this;
        }

        /** {@code alias} is an alias of {@code target}: queries of it restart there. */
        public Builder cname(String alias, String target) {
            index.add(alias, RecordType.CNAME, target);
            return this;
        }

        /** {@code name} exists without records: every type answers NODATA. */
        public Builder exists(String name) {
            index.exists(name);
            return this;
        }

        /** Every query of {@code name} fails temporarily, as on a SERVFAIL answer. */
        public Builder servfail(String name) {
            index.fail(name, null, "SERVFAIL");
            return this;
        }

        /** Queries of {@code name} for {@code type} fail temporarily, as on a SERVFAIL answer. */
        public Builder servfail(String name, RecordType type) {
            index.fail(name, Objects.requireNonNull(type, "type"), "SERVFAIL");
            return this;
        }

        /** Every query of {@code name} fails temporarily, as when no server answers. */
        public Builder timeout(String name) {
            index.fail(name, null, "timeout");
            return this;
        }

        /** Queries of {@code name} for {@code type} fail temporarily, as when no server answers. */
        public Builder timeout(String name, RecordType type) {
            index.fail(name, Objects.requireNonNull(type, "type"), "timeout");
            return this;
        }

        /**
         * Answers about {@code name} carry the AD bit (RFC 4035 §3.2.3): its records, its NODATA,
         * and the NXDOMAIN of names below it that do not exist (a signed zone's authenticated
         * denial, RFC 4035 §5.4); through a CNAME chain only when every name in it is
         * authenticated.
         */
        public Builder authenticated(String name) {
            index.authenticated(name);
            return this;
        }

        /** The records of zone text; a syntax error is an {@link IllegalArgumentException}. */
        public Builder zone(String zoneText, String origin) {
            try {
                ZoneFiles.load(zoneText, origin, index);
            } catch (IOException e) {
                throw new IllegalArgumentException("zone text for " + origin + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** The records of a zone file. */
        public Builder zoneFile(Path zoneFile, String origin) throws IOException {
            ZoneFiles.load(zoneFile, origin, index);
            return this;
        }

        /** The resolver; throws {@link IllegalArgumentException} for data no DNS server would load. */
        public InMemoryResolver build() {
            return new InMemoryResolver(index.build());
        }
    }
}
