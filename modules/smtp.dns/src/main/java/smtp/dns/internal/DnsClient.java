package smtp.dns.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import smtp.dns.RecordType;

/**
 * Sends one question to the configured servers, in order, with a timeout per attempt and a
 * number of further rounds after timeouts, and reads the first usable response.
 *
 * <h2>Standards</h2>
 * RFC 1035 §4.2.1 (UDP first; a truncated answer, TC=1, is asked again over TCP – done by
 * dnsjava's {@link SimpleResolver}), RFC 1035 §7.2 and RFC 1536 §1 (retransmit after a timeout,
 * try the other servers), RFC 6891 §6.2.5 (EDNS0 with a 1232-octet UDP payload, the size the
 * 2020 DNS flag day settled on to avoid IP fragmentation), RFC 6840 §5.7 (a stub sets AD in its
 * query to ask for the AD bit in the answer), RFC 5452 §9.1 (a fresh random ID per query;
 * dnsjava checks the ID and the question of the response).
 *
 * <h2>Diagnostics</h2>
 * Never throws for DNS trouble. A server that answers with an error RCODE (SERVFAIL, REFUSED,
 * ...) is not asked again for this question; one that times out or fails over TCP is, in the
 * next round. When no server gives an answer the result is an {@link Answer.Failure} naming
 * what each server did.
 */
final class DnsClient {

    /** RFC 6891 §6.2.5 / DNS flag day 2020: the EDNS0 UDP payload we advertise. */
    static final int EDNS_PAYLOAD = 1232;

    private final List<SimpleResolver> servers;
    private final int retries;

    DnsClient(List<InetSocketAddress> servers, Duration timeout, int retries) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS servers");
        }
        List<SimpleResolver> list = new ArrayList<>();
        for (InetSocketAddress s : servers) {
            SimpleResolver r = new SimpleResolver(s);
            r.setTimeout(timeout);
            r.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
            r.setIgnoreTruncation(false); // RFC 1035 §4.2.1: retry over TCP
            list.add(r);
        }
        this.servers = List.copyOf(list);
        this.retries = retries;
    }

    /** The servers asked, in order. */
    List<InetSocketAddress> servers() {
        return servers.stream().map(SimpleResolver::getAddress).toList();
    }

    /** The answer to (qname, type), following at most {@code linksLeft} CNAMEs inside one response. */
    Answer ask(Name qname, RecordType type, int linksLeft) {
        Map<Integer, String> problems = new LinkedHashMap<>();
        boolean[] answered = new boolean[servers.size()];
        for (int round = 0; round <= retries; round++) {
            boolean anyAsked = false;
            for (int i = 0; i < servers.size(); i++) {
                if (answered[i]) {
                    continue;
                }
                anyAsked = true;
                SimpleResolver server = servers.get(i);
                try {
                    Answer a = AnswerReader.read(server.send(query(qname, type)), qname, type, linksLeft);
                    if (a instanceof Answer.Failure f) {
                        answered[i] = true; // an error RCODE is an answer: asking again would repeat it
                        problems.put(i, f.reason());
                        continue;
                    }
                    return a;
                } catch (IOException | RuntimeException e) {
                    problems.put(i, describe(e));
                }
            }
            if (!anyAsked) {
                break;
            }
        }
        List<String> reasons = new ArrayList<>();
        problems.forEach((i, reason) -> reasons.add(reason + " from " + address(servers.get(i))));
        return new Answer.Failure(qname + " " + type + ": " + String.join("; ", reasons));
    }

    private static Message query(Name qname, RecordType type) {
        Message m = Message.newQuery(Record.newRecord(qname, type.code(), DClass.IN)); // RD=1, random ID
        m.getHeader().setFlag(Flags.AD); // RFC 6840 §5.7
        return m;
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("timed out"))) {
                return "timeout";
            }
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    private static String address(SimpleResolver r) {
        InetSocketAddress a = r.getAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
