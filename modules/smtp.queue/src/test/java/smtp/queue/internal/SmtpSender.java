package smtp.queue.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import smtp.session.ClientConfig;
import smtp.session.ClientSession;
import smtp.session.DeliveryResult;
import smtp.session.Envelope;
import smtp.session.MessageBody;
import smtp.session.Origin;
import smtp.session.OutboundMessage;
import smtp.session.Recipient;
import smtp.session.RecipientResult;
import smtp.session.Timeouts;
import smtp.session.TlsPolicy;
import smtp.wire.Domain;
import smtp.wire.ForwardPath;
import smtp.wire.ReversePath;

/** Sends one message over SMTP with the session client, as a test's SMTP client. */
final class SmtpSender {

    private SmtpSender() {
    }

    /** The result of sending {@code content} from {@code from} to {@code to} at 127.0.0.1:{@code port}. */
    static DeliveryResult send(int port, ReversePath from, List<ForwardPath> to, byte[] content, Duration timeout) {
        Origin origin = new Origin(new Domain("sender.test"), true, InetAddress.getLoopbackAddress(), Optional.empty(),
                Optional.empty());
        Envelope env = new Envelope(from, to.stream().map(Recipient::of).toList(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, OptionalLong.empty(), Optional.empty(), origin);
        OutboundMessage m = new OutboundMessage(env, MessageBody.of(content));
        ClientConfig config = ClientConfig.defaults(new Domain("sender.test")).withTls(TlsPolicy.DISABLED)
                .withTimeouts(Timeouts.uniform(timeout));
        ClientConnection c = new ClientConnection(InetAddress.getLoopbackAddress(), port, "localhost", timeout, timeout,
                TrustAll.context(), false);
        return c.run(new ClientSession(config, List.of(m)), List.of(m)).get(0);
    }

    /** True when every recipient got 250 after the data. */
    static boolean accepted(DeliveryResult r) {
        return r.recipients().stream().allMatch(x -> x instanceof RecipientResult.Delivered);
    }
}
