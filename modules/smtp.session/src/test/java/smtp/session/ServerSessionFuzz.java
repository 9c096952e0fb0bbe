package smtp.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import smtp.session.testing.InMemoryMessageStore;
import smtp.session.testing.Loopback;
import smtp.wire.Domain;

/**
 * Fuzzes the byte input of the server and client machines: no input may throw, and a session
 * fed garbage ends in a state the machine knows. The seed corpus is the client side of every
 * transcript in {@code transcripts/} (ServerSessionFuzzInputs/receiveNeverThrows/).
 */
class ServerSessionFuzz {

    private static final CredentialStore USERS = CredentialStores.of(Map.of("tim",
            ScramCredential.derive("tanstaaftanstaaf", "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4096)));

    private static final ServerConfig CONFIG = ServerConfig.defaults(new Domain("mx.example.org"))
            .with(Extension.STARTTLS).with(Extension.AUTH).withAuthWithoutTls(true).withMaxMessageSize(4096).withVrfy(true);

    @FuzzTest(maxDuration = "20s")
    @Tag("5321-4.3.2a")
    void receiveNeverThrows(byte[] input) {
        ServerSession s = new ServerSession(CONFIG, ConnectionInfo.cleartext(InetAddress.getLoopbackAddress()),
                Policy.ACCEPT_ALL, new InMemoryMessageStore(), USERS);
        s.greeting();
        // Feed in pieces whose sizes come from the input itself, and complete any STARTTLS.
        int off = 0;
        int piece = input.length == 0 ? 1 : 1 + (input[0] & 0x3f);
        while (off < input.length && !s.isClosed()) {
            int n = Math.min(piece, input.length - off);
            s.receive(input, off, n);
            off += n;
            if (s.state() == SessionState.TLS_HANDSHAKE) {
                s.tlsStarted(Loopback.TLS);
            }
        }
        s.timeout();
        if (!s.isClosed()) {
            throw new IllegalStateException("timeout() must close, state " + s.state());
        }
    }

    @FuzzTest(maxDuration = "10s")
    @Tag("5321-4.2.1-client")
    void clientReceiveNeverThrows(byte[] input) {
        ClientSession c = new ClientSession(ClientConfig.defaults(new Domain("relay.example.com"))
                .withCredentials(new ClientCredentials("tim", "tanstaaftanstaaf", ServerConfig.MECHANISMS, true)),
                List.of(ClientHarness.message("a@example.com", "x\r\n", "b@example.org")));
        int off = 0;
        while (off < input.length && !c.isDone()) {
            int n = Math.min(7, input.length - off);
            c.receive(input, off, n);
            off += n;
        }
        c.connectionLost();
        if (!c.isDone() || c.results().size() != 1) {
            throw new IllegalStateException("a lost connection must end the session with one result");
        }
    }
}
