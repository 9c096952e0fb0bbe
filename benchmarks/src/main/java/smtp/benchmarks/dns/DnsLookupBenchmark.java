package smtp.benchmarks.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;
import smtp.dns.DnsResult;
import smtp.dns.InMemoryResolver;
import smtp.dns.MxResolver;
import smtp.dns.MxRoute;

/**
 * The in-memory resolver that unit tests, the SPF suite and the other benchmarks run on, next to
 * dnsjava's own in-memory {@link Zone} answering the same questions from the same zone text (the
 * baseline), plus a whole RFC 5321 §5.1 route (MX, sort, shuffle, AAAA and A of each exchange).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'smtp.benchmarks.dns'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DnsLookupBenchmark {

    static final int HOSTS = 2000;

    InMemoryResolver ours;
    Zone dnsjava;
    MxResolver router;
    Name txtName;
    Name missingName;
    Name aliasName;

    @Setup
    public void setUp() throws IOException {
        StringBuilder z = new StringBuilder("""
                $ORIGIN bench.test.
                $TTL 300
                @ IN SOA ns hostmaster 1 3600 600 86400 60
                @ IN NS ns
                ns IN A 192.0.2.53
                @ IN MX 10 mx1
                @ IN MX 10 mx2
                @ IN MX 20 mx3
                mx1 IN A 192.0.2.1
                mx1 IN AAAA 2001:db8::1
                mx2 IN A 192.0.2.2
                mx3 IN A 192.0.2.3
                @ IN TXT "v=spf1 mx include:_spf.bench.test -all"
                _dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@bench.test"
                alias IN CNAME alias2
                alias2 IN CNAME mx1
                """);
        for (int i = 0; i < HOSTS; i++) {
            z.append("host").append(i).append(" IN A 198.51.").append(i / 250).append('.').append(i % 250).append('\n');
            z.append("host").append(i).append(" IN TXT \"v=spf1 ip4:198.51.100.").append(i % 250).append(" -all\"\n");
        }
        String text = z.toString();
        ours = InMemoryResolver.fromZone(text, "bench.test");
        try (Master m = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.fromString("bench.test."))) {
            java.util.List<Record> records = new java.util.ArrayList<>();
            for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
                records.add(r);
            }
            dnsjava = new Zone(Name.fromString("bench.test."), records.toArray(new Record[0]));
        }
        router = new MxResolver(ours, Set.of("me.bench.test"));
        txtName = Name.fromString("host1234.bench.test.");
        missingName = Name.fromString("nohost.bench.test.");
        aliasName = Name.fromString("alias.bench.test.");
    }

    @Benchmark
    public DnsResult<String> txtHit() {
        return ours.txt("host1234.bench.test");
    }

    @Benchmark
    public SetResponse txtHitDnsjavaZone() {
        return dnsjava.findRecords(txtName, Type.TXT);
    }

    @Benchmark
    public DnsResult<String> nxdomain() {
        return ours.txt("nohost.bench.test");
    }

    @Benchmark
    public SetResponse nxdomainDnsjavaZone() {
        return dnsjava.findRecords(missingName, Type.TXT);
    }

    @Benchmark
    public Object cnameChain() {
        return ours.a("alias.bench.test");
    }

    /** dnsjava's Zone stops at the first CNAME (the caller follows it): one step of the chain only. */
    @Benchmark
    public SetResponse cnameFirstStepDnsjavaZone() {
        return dnsjava.findRecords(aliasName, Type.A);
    }

    @Benchmark
    public MxRoute mxRoute() {
        return router.route("bench.test");
    }
}
