package smtp.benchmarks.session;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import smtp.session.ConnectionInfo;
import smtp.session.CredentialStore;
import smtp.session.Envelope;
import smtp.session.MessageStore;
import smtp.session.MessageWriter;
import smtp.session.Policy;
import smtp.session.ServerAction;
import smtp.session.ServerConfig;
import smtp.session.ServerSession;
import smtp.wire.Command;
import smtp.wire.DataDecoder;
import smtp.wire.DataOutcome;
import smtp.wire.DataPolicy;
import smtp.wire.Domain;
import smtp.wire.LineFramer;
import smtp.wire.Reply;

/**
 * A whole SMTP transaction through the server state machine, in memory: greeting, EHLO, MAIL,
 * 10 RCPT, DATA with a 4 KB message, QUIT; the message goes to a store that only counts. One
 * op is one transaction, so ops/s is transactions per second on one core.
 *
 * <ul>
 * <li>{@link #pipelined}: the client's octets in one piece (RFC 2920), as a pipelining client's
 *     socket read delivers them;</li>
 * <li>{@link #lockStep}: one command line per {@code receive} (a client without PIPELINING) and
 *     the message in 1 KB pieces;</li>
 * <li>{@link #parseOnly}: the baseline: the same octets through only the smtp.wire parts the
 *     session uses ({@link LineFramer}, {@link Command#parse}, {@link DataDecoder}, and the reply
 *     formatting), with no session logic, so the difference is the cost of the state machine.</li>
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'session.ServerSessionBenchmark' -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ServerSessionBenchmark {

    private static final ServerConfig CONFIG = ServerConfig.defaults(new Domain("mx.example.org"));
    private static final ConnectionInfo CONNECTION = ConnectionInfo.cleartext(InetAddress.getLoopbackAddress());

    private byte[] wire;
    private byte[][] lines;
    private long sink;

    /** A store that counts octets and commits at once. */
    final class CountingStore implements MessageStore {
        @Override
        public MessageWriter open(Envelope envelope) {
            return new MessageWriter() {
                private long size;

                @Override
                public void write(byte[] buf, int off, int len) {
                    size += len;
                }

                @Override
                public Reply commit() {
                    sink += size + envelope.recipients().size();
                    return Reply.of(250, "2.0.0", "OK: queued");
                }

                @Override
                public void abort() {
                }

                @Override
                public long size() {
                    return size;
                }

                @Override
                public InputStream openStream() {
                    return InputStream.nullInputStream();
                }
            };
        }
    }

    private final CountingStore store = new CountingStore();

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder("EHLO client.example.com\r\nMAIL FROM:<sender@example.com> SIZE=4400\r\n");
        for (int i = 0; i < 10; i++) {
            sb.append("RCPT TO:<user").append(i).append("@example.org>\r\n");
        }
        sb.append("DATA\r\n");
        sb.append("From: sender@example.com\r\nTo: user0@example.org\r\nSubject: benchmark\r\n\r\n");
        int body = sb.length();
        while (sb.length() - body < 4096) {
            sb.append("The quick brown fox jumps over the lazy dog, 0123456789 times over.\r\n");
        }
        sb.append(".\r\nQUIT\r\n");
        wire = sb.toString().getBytes(StandardCharsets.US_ASCII);
        lines = splitLockStep(sb.toString());
    }

    /** Command lines one by one, then the message in 1 KB pieces. */
    private static byte[][] splitLockStep(String s) {
        List<String> parts = new java.util.ArrayList<>();
        int data = s.indexOf("DATA\r\n") + 6;
        for (String l : s.substring(0, data).split("(?<=\r\n)")) {
            parts.add(l);
        }
        int end = s.indexOf("\r\n.\r\n", data) + 5;
        for (int i = data; i < end; i += 1024) {
            parts.add(s.substring(i, Math.min(end, i + 1024)));
        }
        parts.add(s.substring(end));
        return parts.stream().map(p -> p.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    private static long octets(List<ServerAction> actions) {
        long n = 0;
        for (ServerAction a : actions) {
            if (a instanceof ServerAction.Send s) {
                n += s.bytes().length;
            }
        }
        return n;
    }

    @Benchmark
    public long pipelined() {
        ServerSession s = new ServerSession(CONFIG, CONNECTION, Policy.ACCEPT_ALL, store, CredentialStore.NONE);
        long n = octets(s.greeting());
        n += octets(s.receive(wire));
        if (!s.isClosed()) {
            throw new IllegalStateException("transaction did not complete");
        }
        return n + sink;
    }

    @Benchmark
    public long lockStep() {
        ServerSession s = new ServerSession(CONFIG, CONNECTION, Policy.ACCEPT_ALL, store, CredentialStore.NONE);
        long n = octets(s.greeting());
        for (byte[] piece : lines) {
            n += octets(s.receive(piece));
        }
        if (!s.isClosed()) {
            throw new IllegalStateException("transaction did not complete");
        }
        return n + sink;
    }

    @Benchmark
    public long parseOnly() throws java.io.IOException {
        LineFramer framer = new LineFramer(512);
        long n = Reply.of(220, "mx.example.org ESMTP ready").toBytes().length;
        int pos = 0;
        while (pos < wire.length) {
            pos += framer.feed(wire, pos, wire.length - pos);
            var framed = framer.take();
            if (framed.isPresent() && framed.get() instanceof LineFramer.Framed.Line line) {
                Command c = Command.parse(line.content()).orElseThrow();
                n += Reply.of(250, "2.0.0", "OK").toBytes().length + c.verb().length();
                if (c instanceof smtp.wire.Data) {
                    DataDecoder d = new DataDecoder(DataPolicy.STRICT, OutputStream.nullOutputStream());
                    pos += d.feed(wire, pos, wire.length - pos);
                    n += ((DataOutcome.Accepted) d.outcome()).size();
                }
            }
        }
        return n;
    }
}
