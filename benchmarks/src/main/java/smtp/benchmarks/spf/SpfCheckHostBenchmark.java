package smtp.benchmarks.spf;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.apache.james.jspf.impl.SPF;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import smtp.auth.SpfOutcome;
import smtp.auth.SpfResult;
import smtp.auth.SpfVerifier;

/**
 * SPF check_host() of a typical include chain (4 records, 3 levels, the client matching at the
 * third), ours next to Apache jSPF on the same in-memory DNS data in the same run.
 * The "Fail" variants use a client no record authorizes, so every term is evaluated (MX included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpfCheckHostBenchmark {

    /** jSPF logs every directive at INFO (through slf4j to java.util.logging): silenced so that logging is not timed. */
    private static final java.util.logging.Logger JSPF_LOG = java.util.logging.Logger.getLogger("org.apache.james.jspf");

    SpfVerifier ours;
    SPF jspf;
    InetAddress passIp;
    InetAddress failIp;

    @Setup
    public void setup() throws Exception {
        JSPF_LOG.setLevel(java.util.logging.Level.WARNING);
        SpfZone zone = SpfZone.typical();
        ours = new SpfVerifier(zone);
        jspf = new SPF(new JspfDns(zone));
        passIp = InetAddress.getByName("192.0.2.200");
        failIp = InetAddress.getByName("192.0.2.100");
        // both implementations must agree before they are timed
        check("pass", ours.checkMailFrom(passIp, "alice@example.com", "mail.example.com"), jspf.checkSPF("192.0.2.200", "alice@example.com", "mail.example.com").getResult());
        check("fail", ours.checkMailFrom(failIp, "alice@example.com", "mail.example.com"), jspf.checkSPF("192.0.2.100", "alice@example.com", "mail.example.com").getResult());
    }

    private static void check(String expected, SpfOutcome o, String theirs) {
        if (!o.result().keyword().equals(expected) || !theirs.equals(expected)) {
            throw new IllegalStateException("expected " + expected + ", ours " + o.result() + " (" + o.reason() + "), jSPF " + theirs);
        }
    }

    @Benchmark
    public SpfResult oursPass() {
        return ours.checkMailFrom(passIp, "alice@example.com", "mail.example.com").result();
    }

    @Benchmark
    public String jspfPass() {
        return jspf.checkSPF("192.0.2.200", "alice@example.com", "mail.example.com").getResult();
    }

    @Benchmark
    public SpfResult oursFail() {
        return ours.checkMailFrom(failIp, "alice@example.com", "mail.example.com").result();
    }

    @Benchmark
    public String jspfFail() {
        return jspf.checkSPF("192.0.2.100", "alice@example.com", "mail.example.com").getResult();
    }
}
