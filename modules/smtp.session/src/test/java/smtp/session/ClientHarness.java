package smtp.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import smtp.wire.Domain;
import smtp.wire.ForwardPath;
import smtp.wire.Path;
import smtp.wire.ReversePath;

/** Drives a {@link ClientSession} against a scripted server: feed reply text, read what the client wrote. */
final class ClientHarness {

    final ClientSession session;
    boolean closed;
    boolean startTls;

    ClientHarness(ClientConfig config, List<OutboundMessage> messages) {
        this.session = new ClientSession(config, messages);
    }

    static ClientConfig config() {
        return ClientConfig.defaults(new Domain("relay.example.com"));
    }

    static Origin origin() {
        return new Origin(new Domain("client.example"), true, InetAddress.getLoopbackAddress(), Optional.empty(), Optional.empty());
    }

    static Path path(String mailbox) {
        return (Path) ForwardPath.parse("<" + mailbox + ">").orElseThrow();
    }

    static OutboundMessage message(String from, String body, String... to) {
        ReversePath rp = from.isEmpty() ? new smtp.wire.NullPath() : path(from);
        List<Recipient> rcpts = java.util.Arrays.stream(to).map(t -> Recipient.of(path(t))).toList();
        return new OutboundMessage(Envelope.of(rp, rcpts, origin()), MessageBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Feeds the server's reply text (lines separated by \n, CRLF added); returns what the client wrote. */
    String server(String replies) {
        String wire = replies.endsWith("\n") ? replies : replies + "\n";
        return written(session.receive(wire.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    String written(List<ClientAction> actions) {
        StringBuilder sb = new StringBuilder();
        for (ClientAction a : actions) {
            switch (a) {
                case ClientAction.Send s -> sb.append(s.text());
                case ClientAction.SendMessage m -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try {
                        m.writeTo(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    sb.append(out.toString(StandardCharsets.UTF_8));
                }
                case ClientAction.StartTls t -> startTls = true;
                case ClientAction.Close c -> closed = true;
            }
        }
        return sb.toString().replace("\r\n", "\n");
    }

    DeliveryResult result(int i) {
        return session.results().get(i);
    }
}
