package smtp.session;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.session.testing.InMemoryMessageStore;
import smtp.wire.Domain;
import smtp.wire.Reply;

/** Drives a {@link ServerSession} from tests: send lines, get the replies back. */
final class ServerHarness {

    final InMemoryMessageStore store;
    final ServerSession session;
    final List<ServerAction> actions = new ArrayList<>();

    ServerHarness(ServerConfig config) {
        this(config, Policy.ACCEPT_ALL, new InMemoryMessageStore(), CredentialStore.NONE, false);
    }

    ServerHarness(ServerConfig config, Policy policy, InMemoryMessageStore store, CredentialStore credentials, boolean tls) {
        this.store = store;
        this.session = new ServerSession(config, new ConnectionInfo(InetAddress.getLoopbackAddress(),
                tls ? Optional.of(smtp.session.testing.Loopback.TLS) : Optional.empty()), policy, store, credentials);
        actions.addAll(session.greeting());
    }

    static ServerConfig config() {
        return ServerConfig.defaults(new Domain("mx.example.org"));
    }

    /** Sends octets; returns the replies they produced. */
    List<Reply> send(String text) {
        List<ServerAction> out = session.receive(text.getBytes(StandardCharsets.UTF_8));
        actions.addAll(out);
        return replies(out);
    }

    /** Sends one command line; returns its single reply. */
    Reply command(String line) {
        List<Reply> r = send(line + "\r\n");
        if (r.size() != 1) {
            throw new AssertionError("expected one reply to " + line + ", got " + r);
        }
        return r.get(0);
    }

    int code(String line) {
        return command(line).code();
    }

    static List<Reply> replies(List<ServerAction> actions) {
        List<Reply> out = new ArrayList<>();
        for (ServerAction a : actions) {
            if (a instanceof ServerAction.Send s) {
                out.add(s.reply());
            }
        }
        return out;
    }

    /** EHLO, MAIL, one RCPT. */
    ServerHarness transaction() {
        code("EHLO client.example.com");
        code("MAIL FROM:<a@example.com>");
        code("RCPT TO:<b@example.org>");
        return this;
    }
}
