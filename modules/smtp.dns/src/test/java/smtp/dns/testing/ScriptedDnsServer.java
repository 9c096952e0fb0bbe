package smtp.dns.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * A DNS server on a loopback port whose answers a test scripts, for the failure modes a real
 * server will not produce on demand: silence (timeouts), a TCP port that is closed after a
 * truncated UDP answer, the AD bit, odd RCODEs. Real answers come from {@link NsdServer}.
 *
 * <pre>{@code
 * try (ScriptedDnsServer silent = ScriptedDnsServer.silent()) {
 *     Resolver dns = Resolvers.create(new DnsConfig(List.of(silent.address()), Duration.ofMillis(200), 0, 0));
 *     assertInstanceOf(DnsResult.TempFail.class, dns.a("example.test"));
 * }
 * }</pre>
 *
 * <p>In the smtp.dns test-jar. {@link #close()} stops both sockets.
 */
public final class ScriptedDnsServer implements AutoCloseable {

    /** Decides the response to a query; empty means "do not answer". */
    @FunctionalInterface
    public interface Script {
        Optional<Message> answer(Message query, boolean overTcp);
    }

    private final DatagramSocket udp;
    private final ServerSocket tcp; // null: nothing listens on TCP, connections are refused
    private final Script script;
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private ScriptedDnsServer(Script script, boolean withTcp) throws IOException {
        this.script = script;
        DatagramSocket u = null;
        ServerSocket t = null;
        for (int i = 0; i < 20 && t == null; i++) {
            u = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            if (!withTcp) {
                break;
            }
            try {
                t = new ServerSocket(u.getLocalPort(), 16, InetAddress.getLoopbackAddress());
            } catch (IOException taken) {
                u.close();
                u = null;
            }
        }
        if (u == null) {
            throw new IOException("no loopback port free for UDP and TCP");
        }
        this.udp = u;
        this.tcp = t;
        Thread.ofPlatform().daemon().name("scripted-dns-udp").start(this::serveUdp);
        if (tcp != null) {
            Thread.ofPlatform().daemon().name("scripted-dns-tcp").start(this::serveTcp);
        }
    }

    /** A server that answers with {@code script}, over UDP and TCP. */
    public static ScriptedDnsServer answering(Script script) throws IOException {
        return new ScriptedDnsServer(script, true);
    }

    /** A server that answers over UDP only; TCP connections to its port are refused. */
    public static ScriptedDnsServer udpOnly(Script script) throws IOException {
        return new ScriptedDnsServer(script, false);
    }

    /** A server that reads every query and never answers (UDP and TCP). */
    public static ScriptedDnsServer silent() throws IOException {
        return new ScriptedDnsServer((q, tcp) -> Optional.empty(), true);
    }

    /** An empty response to {@code query} with {@code rcode}: QR set, the question echoed, RD/RA set. */
    public static Message response(Message query, int rcode) {
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RD);
        r.getHeader().setFlag(Flags.RA);
        r.getHeader().setRcode(rcode);
        r.addRecord(query.getQuestion(), Section.QUESTION);
        return r;
    }

    /** A NOERROR response to {@code query}. */
    public static Message response(Message query) {
        return response(query, Rcode.NOERROR);
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
    }

    /** Queries received over UDP so far. */
    public int udpQueries() {
        return udpQueries.get();
    }

    /** Queries received over TCP so far. */
    public int tcpQueries() {
        return tcpQueries.get();
    }

    @Override
    public void close() {
        udp.close();
        try {
            if (tcp != null) {
                tcp.close();
            }
            for (Socket s : open) {
                s.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void serveUdp() {
        byte[] buf = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                udp.receive(packet);
                udpQueries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Optional<Message> answer = script.answer(query, false);
                if (answer.isPresent()) {
                    byte[] wire = answer.get().toWire();
                    udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // a malformed query or a script failure: no answer, keep serving
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket s = tcp.accept();
                open.add(s);
                Thread.ofPlatform().daemon().name("scripted-dns-tcp-conn").start(() -> serveConnection(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serveConnection(Socket s) {
        // RFC 1035 §4.2.2: each message is preceded by a two-octet length.
        try (s; DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                int length = in.readUnsignedShort();
                byte[] wire = in.readNBytes(length);
                tcpQueries.incrementAndGet();
                Optional<Message> answer = script.answer(new Message(wire), true);
                if (answer.isEmpty()) {
                    continue; // silence: the client times out
                }
                byte[] reply = answer.get().toWire();
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // connection closed or a malformed query
        } finally {
            open.remove(s);
        }
    }
}
